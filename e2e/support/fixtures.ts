import { writeFileSync } from 'node:fs';

import { test as base, expect } from '@playwright/test';

import { DashboardPage } from './dashboard-page';
import { EmulatorControl } from './emulator-control';
import { CONFIG_PATH, appConfig } from './environment';

interface Fixtures {
  emulator: EmulatorControl;
  dashboard: DashboardPage;
  /** Replaces config.json for this test; the default returns after the test. */
  setAppConfig: (overrides: Record<string, unknown>) => void;
}

/**
 * Every test starts from a reset emulator tenant and the default config.json. `dashboard`
 * is the app's page object; tests sign in through the emulator's real sign-in page.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = new EmulatorControl();
    await emulator.reset();
    await use(emulator);
  },
  dashboard: async ({ page }, use) => {
    await use(new DashboardPage(page));
  },
  // eslint-disable-next-line no-empty-pattern
  setAppConfig: async ({}, use) => {
    await use((overrides) => writeFileSync(CONFIG_PATH, JSON.stringify(appConfig(overrides), null, 2)));
    writeFileSync(CONFIG_PATH, JSON.stringify(appConfig(), null, 2));
  },
});

export { expect };
