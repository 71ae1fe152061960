import { advanceClocks, startClocks, TEST_START } from './support/clock';
import { ADMIN } from './support/environment';
import { expect, test } from './support/fixtures';
import { PROFILES } from './support/profiles';

const MINUTE = 60_000;

/** A 7-digit Graph timestamp `minutes` before `base`. */
function graphTime(base: Date, minutesBefore: number): string {
  return new Date(base.getTime() - minutesBefore * MINUTE).toISOString().replace(/\.(\d{3})Z$/, '.$11234Z');
}

test.describe('core loop', () => {
  test('sign in shows the account and every profile', async ({ dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();

    await expect(dashboard.page.getByText(ADMIN.username)).toBeVisible();
    await dashboard.openPicker();
    for (const profile of Object.values(PROFILES)) {
      await expect(dashboard.itemCheckbox(profile.name)).toBeVisible();
    }
  });

  test('chosen profiles get cards with their states', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, { status: 'success', errorCount: 0, lastSynchronizationDateTime: graphTime(TEST_START, 3) });
    await emulator.setProfileStatus(PROFILES.tailspin.id, { status: 'error', errorCount: 1, lastSynchronizationDateTime: null });
    await emulator.setProfileStatus(PROFILES.powerSchool.id, { status: 'paused', errorCount: 0 });
    await dashboard.signIn();

    await dashboard.watch(PROFILES.csv2024.name, PROFILES.tailspin.name, PROFILES.powerSchool.name);

    await expect(dashboard.cards()).toHaveCount(3);
    await expect(dashboard.card(PROFILES.csv2024.name)).toContainText('Healthy');
    await expect(dashboard.card(PROFILES.csv2024.name)).toContainText('3 minutes ago');
    await expect(dashboard.card(PROFILES.tailspin.name)).toContainText('Failed');
    await expect(dashboard.card(PROFILES.tailspin.name)).toContainText('never synced');
    await expect(dashboard.card(PROFILES.powerSchool.name)).toContainText('Paused');
    await expect(dashboard.cards().filter({ hasText: PROFILES.archived.name })).toHaveCount(0);
  });

  test('card follows a status change within one interval', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, { status: 'inProgress', errorCount: 0 });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name);
    const card = dashboard.card(PROFILES.csv2024.name);
    await expect(card).toContainText('In progress');

    await emulator.setProfileStatus(PROFILES.csv2024.id, {
      status: 'validationError',
      errorCount: 4,
      statusMessage: 'Processed 10 in the last hour.\r\nUpdated 2 in the last hour.',
    });
    await advanceClocks(page, emulator, 60_000);

    await expect(card).toContainText('Failed');
    await expect(card.getByText('Errors')).toBeVisible();
    await expect(card.locator('.card-facts')).toContainText('4');
  });

  test('last sync reads 5 minutes ago after 5 minutes', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, { status: 'success', errorCount: 0, lastSynchronizationDateTime: graphTime(TEST_START, 0) });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name);
    const lastSynced = dashboard.card(PROFILES.csv2024.name).locator('time').first();
    await expect(lastSynced).toHaveText('just now');

    await advanceClocks(page, emulator, 5 * MINUTE);

    await expect(lastSynced).toHaveText('5 minutes ago');
    await expect(lastSynced).toHaveAttribute('title', /2026/);
  });

  test('reload keeps the choice and the session', async ({ page, dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();
    await dashboard.watch(PROFILES.oneRoster.name, PROFILES.sandbox.name);
    await expect(dashboard.cards()).toHaveCount(2);

    await page.reload();

    await expect(dashboard.signedInAs(ADMIN.name)).toBeVisible();
    await expect(dashboard.cards()).toHaveCount(2);
    await expect(dashboard.card(PROFILES.oneRoster.name)).toBeVisible();
    await expect(dashboard.card(PROFILES.sandbox.name)).toBeVisible();
  });

  test('sign out returns to the sign-in page', async ({ page, dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();

    await page.getByRole('button', { name: 'Sign out' }).click();

    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    await expect(dashboard.signedInAs(ADMIN.name)).toHaveCount(0);
  });
});
