import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

import {
  APP_PORT,
  APP_URL,
  CLIENT_ID,
  CONFIG_PATH,
  CONTROL_ORIGIN,
  EMULATOR_HTTP_PORT,
  EMULATOR_HTTPS_PORT,
  appConfig,
} from './e2e/support/environment';

/** Chromium: the one named by CHROMIUM_PATH, else Debian's, else Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) {
    return process.env.CHROMIUM_PATH;
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

// The app under test reads this config.json, written fresh for every run.
mkdirSync('.emulator', { recursive: true });
writeFileSync(CONFIG_PATH, JSON.stringify(appConfig(), null, 2));

export default defineConfig({
  testDir: 'e2e',
  // One emulator tenant serves every test and each test resets it, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: [
        'node emulator/main.mjs',
        `--https-port ${EMULATOR_HTTPS_PORT}`,
        `--http-port ${EMULATOR_HTTP_PORT}`,
        `--client-id ${CLIENT_ID}`,
        `--redirect-uri ${APP_URL}redirect.html`,
        `--redirect-uri ${APP_URL}`,
      ].join(' '),
      url: `${CONTROL_ORIGIN}/_emulator/clock`,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: `node scripts/serve-static.mjs --root dist --port ${APP_PORT} --config ${CONFIG_PATH}`,
      url: `${APP_URL}index.html`,
      reuseExistingServer: false,
    },
  ],
});
