import type { Page } from '@playwright/test';

import { startClocks, TEST_START } from './support/clock';
import { ADMIN } from './support/environment';
import { expect, test } from './support/fixtures';
import { jumpClocks, readLog, statusPath, statusRequests, waitForQuiet } from './support/graph-traffic';
import { PROFILES } from './support/profiles';

// Dates are checked as text, so the browser's time zone is fixed.
test.use({ timezoneId: 'UTC' });

/** Console warnings about URL parameters that the page logged so far. */
async function parameterWarnings(page: Page): Promise<string[]> {
  const messages = await page.consoleMessages();
  return messages.filter((message) => message.type() === 'warning' && message.text().startsWith('URL parameter')).map((message) => message.text());
}

test.describe('URL parameters', () => {
  test('invalid values are ignored with a warning', async ({ page, dashboard }) => {
    await dashboard.open('?interval=5&theme=purple&view=wall&title=%20%20');

    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    const warnings = await parameterWarnings(page);
    expect(warnings).toHaveLength(4);
    for (const [name, value] of [['interval', '"5"'], ['theme', '"purple"'], ['view', '"wall"'], ['title', '"  "']]) {
      expect(warnings).toContainEqual(expect.stringContaining(`URL parameter "${name}" has the invalid value ${value} and is ignored.`));
    }
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect(page.locator('.app-title')).toHaveText('SDS Sync Monitor');
  });

  test('invalid interval keeps the configured one', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await dashboard.signIn(ADMIN, { query: `?interval=5&profiles=${PROFILES.csv2024.id}` });
    await expect(dashboard.card(PROFILES.csv2024.name)).toContainText('Last synced');
    await emulator.clearRequests();

    // config.json of the tests polls every 60 s.
    await jumpClocks(page, emulator, 30_000);
    await waitForQuiet(emulator);
    expect(statusRequests(await readLog(emulator))).toEqual([]);
    await jumpClocks(page, emulator, 30_000);

    await expect.poll(async () => (await readLog(emulator)).filter((entry) => entry.path === statusPath(PROFILES.csv2024.id)).length).toBe(1);
  });

  test('title sets the heading as plain text', async ({ page, dashboard }) => {
    await dashboard.open(`?title=${encodeURIComponent('  IT office <b>wall</b>  ')}`);

    await expect(page.locator('.app-title')).toHaveText('IT office <b>wall</b>');
    await expect(page.locator('.app-title b')).toHaveCount(0);
    await expect(page).toHaveTitle('IT office <b>wall</b>');
  });

  test('lang formats dates in German', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, {
      status: 'success',
      errorCount: 0,
      lastSynchronizationDateTime: new Date(TEST_START.getTime() - 3 * 60_000).toISOString(),
    });

    await dashboard.signIn(ADMIN, { query: `?lang=de-DE&profiles=${PROFILES.csv2024.id}` });

    const lastSynced = dashboard.card(PROFILES.csv2024.name).locator('time').first();
    await expect(lastSynced).toHaveAttribute('title', '02.03.2026, 08:57:00 UTC');
    // Only dates, times and numbers follow `lang`, and the words stay English.
    await expect(lastSynced).toHaveText('3 minutes ago');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
  });
});
