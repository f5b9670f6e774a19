/**
 * End-to-end tests in a real Chromium. `web` drives browser mode (Debian's chromium against the
 * headless server); `electron` runs the same specs in the desktop app and skips, with one clear
 * message, where no Electron binary exists. `scripts/e2e.mjs` builds the renderer first.
 */
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './test/e2e/fixtures/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: chromiumUse,
    },
    {
      name: 'electron',
      // The fixture launches the app and hands its window out as `page`; the browser settings only
      // serve specs that open a second, plain browser.
      use: chromiumUse,
      workers: 1,
    },
  ],
});
