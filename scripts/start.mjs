// `npm start` opens the desktop app; `npm run dev` (`--dev`) does the same with hot reload.
// Where the desktop window cannot open (no Electron binary, no display) both fall back to
// browser mode — the headless server serving the same UI — and say why in one line.
// `--browser` (or RUNLENS_BROWSER=1) asks for browser mode directly; other arguments go to the
// server (`--port`, `--db`, …).
// When RunLens already runs on the same database (its writer lock is held), it says so and
// offers to open that instance in the browser instead of starting a second one.
import process from 'node:process';
import { ROOT, bin, build, buildIsStale, electronBinaryPath, electronUnavailableReason, forwardSignals, offerRunningInstance, openBrowser, run, runningInstance, startServer } from './dev-tools.mjs';
import { startBrowserDev } from './dev-browser.mjs';

const argv = process.argv.slice(2);
const dev = argv.includes('--dev');
const forceBrowser = argv.includes('--browser') || process.env.RUNLENS_BROWSER === '1';
const serverArgs = argv.filter((a) => a !== '--dev' && a !== '--browser');

async function startElectron() {
  if (dev) return run(bin('electron-vite'), ['dev', '--watch']);
  if (buildIsStale() && (await build()) !== 0) return 1;
  return run(electronBinaryPath(), [ROOT]);
}

async function startBrowser() {
  if (dev) return startBrowserDev(serverArgs);
  if (buildIsStale()) {
    console.log('RunLens: building the UI…');
    if ((await build()) !== 0) return 1;
  }
  const { child, loginUrl } = await startServer(serverArgs);
  forwardSignals([child]);
  console.log(openBrowser(loginUrl) ? 'RunLens: opening the UI in your browser.' : 'RunLens: open the UI link above in a browser (it works once).');
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

async function main() {
  const holder = runningInstance(serverArgs);
  if (holder) return offerRunningInstance(holder);
  const reason = forceBrowser ? 'browser mode was requested' : electronUnavailableReason();
  if (reason === null) return startElectron();
  console.log(`RunLens: ${reason}; starting in browser mode instead.`);
  return startBrowser();
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`RunLens: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
