import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

import { INSECURE_APP_HOST, SUBPATH_BASE, SUBPATH_PORT, SUBPATH_URL } from './e2e/support/embedding-environment';
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

/** The build under test; E2E_DIST_DIRECTORY points at another build, such as one made with `vite build --outDir`. */
const DIST_DIRECTORY = process.env.E2E_DIST_DIRECTORY ?? 'dist';

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Playwright 1.65.2 switches these Chromium features off (`disabledFeatures` in
// playwright-core's chromiumSwitches). This copy leaves out ThirdPartyStoragePartitioning,
// and Chromium obeys the last --disable-features switch, so frames on another site than
// their host page get partitioned storage as in a user's Chrome.
// NOTE: compare with chromiumSwitches after a Playwright update.
const PLAYWRIGHT_DISABLED_FEATURES_EXCEPT_PARTITIONING = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

// The test host name resolves to loopback, and every other name except loopback fails, so
// no request of the embedding tests can leave the machine.
const HOST_RESOLVER_RULES = `MAP ${INSECURE_APP_HOST} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`;

/** Specs that need partitioned storage or the test host name. */
const EMBEDDING_SPECS = /\/(embedding|hosting)\.spec\.ts$/;

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
      args: BROWSER_ARGS,
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: EMBEDDING_SPECS,
    },
    {
      name: 'embedding',
      testMatch: EMBEDDING_SPECS,
      use: {
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            ...BROWSER_ARGS,
            `--disable-features=${PLAYWRIGHT_DISABLED_FEATURES_EXCEPT_PARTITIONING.join(',')}`,
            `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: [
        'node emulator/main.mjs',
        `--https-port ${EMULATOR_HTTPS_PORT}`,
        `--http-port ${EMULATOR_HTTP_PORT}`,
        `--client-id ${CLIENT_ID}`,
        `--redirect-uri ${APP_URL}redirect.html`,
        `--redirect-uri ${APP_URL}`,
        `--redirect-uri ${SUBPATH_URL}redirect.html`,
        `--redirect-uri ${SUBPATH_URL}`,
      ].join(' '),
      url: `${CONTROL_ORIGIN}/_emulator/clock`,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: `node scripts/serve-static.mjs --root ${DIST_DIRECTORY} --port ${APP_PORT} --config ${CONFIG_PATH}`,
      url: `${APP_URL}index.html`,
      reuseExistingServer: false,
    },
    {
      // The same build, served only under a folder of the site, with nothing at the root.
      command: `node scripts/serve-static.mjs --root ${DIST_DIRECTORY} --port ${SUBPATH_PORT} --base ${SUBPATH_BASE} --config ${CONFIG_PATH}`,
      url: `${SUBPATH_URL}index.html`,
      reuseExistingServer: false,
    },
  ],
});
