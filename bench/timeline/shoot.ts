/** `tsx bench/timeline/shoot.ts [outDir]`: screenshots of the harness scenarios in both themes. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildHarness } from './build-harness';

const out = path.resolve(process.argv[2] ?? 'test-results/timeline-shots');
mkdirSync(out, { recursive: true });
const url = await buildHarness();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const shots = (process.env.SHOTS ?? 'multi:light,multi:dark,failed:dark,expired:light,invalid:light,cancel:dark,gen=2000:light,all:thread').split(',');
for (const s of shots) {
  const [scenario, theme] = s.split(':');
  const q = scenario.startsWith('gen=') ? `?${scenario}` : `?scenario=${scenario}`;
  const extra = theme === 'thread' ? '&thread=1' : `&theme=${theme}`;
  await page.goto(`${url}${q}${extra}`);
  await page.waitForSelector(theme === 'thread' ? '[data-testid=thread-run]' : '[data-testid=timeline-canvas][data-painted=true]');
  if (theme !== 'thread') {
    const steps = page.getByTestId('timeline-step');
    if ((await steps.count()) > 1) await steps.nth(1).click();
    else if (await steps.count()) await steps.first().click();
  } else await page.getByTestId('thread-run').nth(1).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${scenario.replace('=', '')}-${theme}.png`), fullPage: true });
}
await browser.close();
console.log(out);
