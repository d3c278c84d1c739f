import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer in browser mode (issue 5): Debian's Chromium (Playwright must not
 * download browsers here), driven against the real loopback bridge and a real Backend started by
 * tests/e2e/globalSetup.ts. Run `npm run build:renderer` first.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'out/e2e/results',
  globalSetup: './tests/e2e/globalSetup.ts',
  // One backend holds one open vault: the journey's steps run in order, in one worker.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
