// Helpers shared by `npm start`, `npm run dev` and `npm run test:e2e`: finding the Electron
// binary, building the bundles, starting the headless server, opening a browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import readline from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** The environment for child tools: the project's Node 24 first on PATH. */
export function projectEnv(extra = {}) {
  return { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** A binary from node_modules/.bin. */
export function bin(name) {
  return path.join(BIN, process.platform === 'win32' ? `${name}.cmd` : name);
}

/** The Electron executable, or null when it was never downloaded. Never triggers a download. */
export function electronBinaryPath() {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/**
 * Why the desktop window cannot open here, or null when it can. Tries the Electron download
 * once when the binary is missing (it fails fast where downloads are blocked).
 */
export function electronUnavailableReason() {
  if (electronBinaryPath() === null) {
    const install = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron', 'install.js')], { cwd: ROOT, env: projectEnv(), encoding: 'utf8', timeout: 180_000 });
    if (electronBinaryPath() === null) {
      const detail = `${install.stderr ?? ''}${install.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => /error|failed|ENOTFOUND|ECONN|timed? ?out/i.test(l));
      const why = install.error?.code === 'ETIMEDOUT' ? 'the download timed out' : (detail ?? `the download failed (exit ${install.status})`).replace(/^Error:\s*/, '');
      return `the Electron binary is not available and could not be downloaded (${why.slice(0, 120)})`;
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display is available for a desktop window (DISPLAY is not set)';
  return null;
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: projectEnv(), stdio: 'inherit', ...options });
    child.on('error', (error) => {
      console.error(`${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `electron-vite build`: main, preload and renderer into out/. */
export function build() {
  return run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when out/ is missing or older than any source it is built from. */
export function buildIsStale() {
  const built = path.join(ROOT, 'out', 'renderer', 'index.html');
  if (!fs.existsSync(built) || !fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'))) return true;
  const sources = ['renderer', 'electron', 'electron.vite.config.ts', 'package.json'].map((p) => newestMtime(path.join(ROOT, p)));
  return Math.max(...sources) > fs.statSync(built).mtimeMs;
}

/**
 * Starts the headless server (serve.ts) with `args`, echoing its output, and resolves with
 * the child and the two addresses it prints.
 */
export function startServer(args, env = {}) {
  const child = spawn(bin('tsx'), ['electron/services/cli/serve.ts', ...args], { cwd: ROOT, env: projectEnv(env), stdio: ['inherit', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let done = false;
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (done) return;
      output += chunk.toString('utf8');
      const url = /RunLens listening on (http:\/\/\S+)/.exec(output)?.[1];
      const loginUrl = /UI: (http:\/\/\S+)/.exec(output)?.[1];
      if (url && loginUrl) {
        done = true;
        resolve({ child, url, loginUrl });
      }
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`the server exited (code ${code}) before it was ready`));
    });
  });
}

/** Opens `url` in the user's browser when one can be opened here; returns whether it tried. */
export function openBrowser(url) {
  let command = null;
  let args = [url];
  if (process.env.BROWSER) command = process.env.BROWSER;
  else if (process.platform === 'darwin') command = 'open';
  else if (process.platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  // On Linux only with a display: without one xdg-open may start a text browser in this terminal.
  else if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) command = 'xdg-open';
  if (!command) return false;
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return true;
}

/** Passes Ctrl+C and termination on to the children, once. */
export function forwardSignals(children) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      for (const child of children) if (child.exitCode === null) child.kill(signal);
    });
  }
}

/**
 * The RunLens process that holds the writer lock of the database `serverArgs` would open, or
 * null (also when that cannot be told: the real start then reports the problem itself).
 * Asks electron/services/cli/running-instance.ts, which never takes the lock.
 */
export function runningInstance(serverArgs, env = {}) {
  const result = spawnSync(bin('tsx'), ['electron/services/cli/running-instance.ts', ...serverArgs], { cwd: ROOT, env: projectEnv(env), encoding: 'utf8' });
  if (result.status !== 0) return null;
  try {
    const { holder } = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? 'null');
    return holder ?? null;
  } catch {
    return null;
  }
}

/**
 * Tells the user RunLens already runs on this database (one line naming it and its URL) and,
 * in a terminal, asks whether to open it in the browser; without a terminal it only prints.
 * Resolves with the exit code for `npm start` (0: nothing went wrong, the instance runs).
 */
export async function offerRunningInstance(holder, { input = process.stdin, output = process.stdout } = {}) {
  const who = holder.kind === 'app' ? 'the RunLens desktop app' : holder.kind === 'serve' ? 'RunLens serve' : `RunLens (${holder.kind})`;
  const where = holder.url ? ` at ${holder.url}` : '';
  output.write(`RunLens is already running on this database: ${who} (pid ${holder.pid})${where}.\n`);
  if (!holder.url) {
    output.write('RunLens: switch to its window, or stop it first.\n');
    return 0;
  }
  if (!input.isTTY || !output.isTTY) {
    output.write(`RunLens: open ${holder.url} in a browser.\n`);
    return 0;
  }
  const rl = readline.createInterface({ input, output });
  const answer = await new Promise((resolve) => rl.question('Open it in your browser? [Y/n] ', resolve));
  rl.close();
  if (/^\s*(y|yes)?\s*$/i.test(String(answer))) {
    output.write(openBrowser(holder.url) ? 'RunLens: opening it in your browser.\n' : `RunLens: no browser can be opened here; open ${holder.url} yourself.\n`);
  }
  return 0;
}
