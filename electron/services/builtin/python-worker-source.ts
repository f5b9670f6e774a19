/**
 * The source of the Python sandbox worker, run with `new Worker(source, { eval: true })` so it
 * needs no separate build output. It deletes the network globals before Pyodide loads, blocks
 * Python's bridges to JavaScript (`js`, `pyodide_js`, `pyodide.ffi`, `pyodide.http`) after,
 * and gives each call a fresh namespace and a fresh `/mnt/data` holding only the run's files.
 */
export const PYTHON_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
for (const name of ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Request', 'Response', 'Headers']) {
  try { delete globalThis[name]; } catch {}
}
let py = null;
let out = [];
const PRELUDE = [
  'import sys, os',
  'class _Block:',
  '    BLOCKED = ("js", "pyodide_js", "pyodide.ffi", "pyodide.http", "pyodide.code", "_pyodide", "_pyodide_core", "micropip", "socket", "ssl")',
  '    def find_spec(self, name, path=None, target=None):',
  '        if name in self.BLOCKED or name.split(".")[0] in ("js", "pyodide_js", "_pyodide_core"):',
  '            raise ImportError("The module " + name + " is not available in the RunLens sandbox (no network, no host access).")',
  '        return None',
  'sys.meta_path.insert(0, _Block())',
  'for _m in list(sys.modules):',
  '    if _m in _Block.BLOCKED or _m.split(".")[0] in ("js", "pyodide_js", "_pyodide_core") or _m.startswith("pyodide.ffi") or _m.startswith("pyodide.http"):',
  '        del sys.modules[_m]',
  'del _m, _Block',
].join('\n');

async function boot() {
  const { loadPyodide } = await import(workerData.pyodideUrl);
  py = await loadPyodide({ indexURL: workerData.indexPath, stdout: (s) => out.push(['stdout', s]), stderr: (s) => out.push(['stderr', s]), env: { HOME: '/home/pyodide' } });
  py.runPython(PRELUDE);
  parentPort.postMessage({ type: 'ready', version: py.runPython('import sys; sys.version.split()[0]') });
}

function listFiles(dir) {
  const FS = py.FS;
  const found = [];
  for (const name of FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const p = dir + '/' + name;
    const st = FS.stat(p);
    if (FS.isDir(st.mode)) found.push(...listFiles(p));
    else found.push({ path: p, mtime: st.mtime.getTime(), size: st.size });
  }
  return found;
}

function resetData(files) {
  const FS = py.FS;
  py.runPython('import shutil, os\nshutil.rmtree("/mnt/data", ignore_errors=True)\nos.makedirs("/mnt/data", exist_ok=True)\nos.chdir("/mnt/data")');
  for (const f of files) FS.writeFile('/mnt/data/' + f.name, new Uint8Array(f.bytes));
  const before = new Map();
  for (const f of listFiles('/mnt/data')) before.set(f.path, f.mtime + ':' + f.size);
  return before;
}

parentPort.on('message', (msg) => {
  if (msg.type !== 'run') return;
  out = [];
  let error = null;
  let before = new Map();
  try {
    before = resetData(msg.files);
    py.globals.set('__runlens_code__', msg.code);
    py.runPython([
      'import traceback as _tb, sys as _sys',
      '_ns = {"__name__": "__main__"}',
      'try:',
      '    exec(compile(__runlens_code__, "<code_interpreter>", "exec"), _ns)',
      'except BaseException as _e:',
      '    _sys.stderr.write("".join(_tb.format_exception(type(_e), _e, _e.__traceback__.tb_next if _e.__traceback__ else None)))',
      '    __runlens_error__ = type(_e).__name__ + ": " + str(_e)',
      'else:',
      '    __runlens_error__ = None',
      'del _ns',
    ].join('\n'));
    error = py.globals.get('__runlens_error__') ?? null;
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  const written = [];
  try {
    for (const f of listFiles('/mnt/data')) {
      if (before.get(f.path) === f.mtime + ':' + f.size) continue;
      if (f.size > msg.maxFileBytes) { out.push(['stderr', 'RunLens: ' + f.path + ' is larger than ' + msg.maxFileBytes + ' bytes and was not kept.']); continue; }
      written.push({ path: f.path, bytes: py.FS.readFile(f.path) });
    }
  } catch (e) {
    out.push(['stderr', 'RunLens: could not read written files: ' + e]);
  }
  parentPort.postMessage({ type: 'result', out, error, files: written });
});

boot().catch((e) => parentPort.postMessage({ type: 'boot_error', message: String(e && e.message ? e.message : e) }));
`;
