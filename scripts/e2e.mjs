// `npm run test:e2e`: builds the bundles and runs Playwright in Debian's Chromium (browser mode),
// plus the Electron project where an Electron binary exists. Without a Chromium it says so in
// one line and exits 0, so `npm test` still runs everywhere else.
import fs from 'node:fs';
import process from 'node:process';
import { bin, build, projectEnv, run } from './dev-tools.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.log(`e2e skipped: no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  process.exit(0);
}

const built = await build();
if (built !== 0) process.exit(built);
process.exit(await run(bin('playwright'), ['test', ...process.argv.slice(2)], { env: projectEnv({ CHROMIUM_PATH: chromium }) }));
