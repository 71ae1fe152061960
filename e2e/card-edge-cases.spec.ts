import AxeBuilder from '@axe-core/playwright';

import { startClocks, TEST_START } from './support/clock';
import { NON_ADMIN } from './support/environment';
import { expect, test } from './support/fixtures';
import { PROFILES } from './support/profiles';

test.describe('status cards', () => {
  test('7-digit timestamp is read exactly', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const lastSync = new Date(TEST_START.getTime() - 42 * 60_000);
    await emulator.setProfileStatus(PROFILES.csv2024.id, {
      status: 'success',
      errorCount: 0,
      lastSynchronizationDateTime: lastSync.toISOString().replace('.000Z', '.6475128Z'),
    });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name);

    const lastSynced = dashboard.card(PROFILES.csv2024.name).locator('time').first();
    await expect(lastSynced).toHaveText('42 minutes ago');
    await expect(lastSynced).toHaveAttribute('datetime', lastSync.toISOString().replace('.000Z', '.647Z'));
  });

  test('null last sync reads never synced', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.powerSchool.id, { status: 'inProgress', errorCount: 0, lastSynchronizationDateTime: null });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.powerSchool.name);

    await expect(dashboard.card(PROFILES.powerSchool.name)).toContainText('never synced');
  });

  test('unknown enum value shows unknown with the raw value', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, { status: 'reticulatingSplines', errorCount: 0 });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name);

    const card = dashboard.card(PROFILES.csv2024.name);
    await expect(card).toContainText('Unknown');
    await expect(card).toContainText('reticulatingSplines');
  });

  test('status message keeps its line breaks as text', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, {
      status: 'success',
      errorCount: 0,
      statusMessage: 'Processed 12 in the last hour.\r\n<b>Updated</b> 3 in the last hour.',
    });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name);

    const message = dashboard.card(PROFILES.csv2024.name).locator('.card-message');
    await expect(message).toHaveText(/<b>Updated<\/b> 3 in the last hour\./);
    await expect(message.locator('b')).toHaveCount(0);
    const lines = await message.evaluate((element) => (element as HTMLElement).innerText.split('\n'));
    expect(lines).toHaveLength(2);
  });

  test('403 says the permission is missing', async ({ dashboard, emulator }) => {
    await emulator.addItemFault({
      path: `/synchronizationProfiles/${PROFILES.oneRoster.id}/profileStatus`,
      status: 403,
      body: { error: { code: 'accessDenied', message: 'The caller does not have permission to perform the action.' } },
    });
    await dashboard.signIn();
    await dashboard.watch(PROFILES.oneRoster.name);

    const card = dashboard.card(PROFILES.oneRoster.name);
    await expect(card).toContainText('EduAdministration.Read');
    await expect(card).toContainText('Access denied (403)');
    await expect(card.getByRole('button', { name: 'Retry now' })).toBeVisible();
  });

  test('404 says the profile no longer exists', async ({ dashboard, emulator }) => {
    await dashboard.signIn();
    await dashboard.watch(PROFILES.sandbox.name);
    await expect(dashboard.card(PROFILES.sandbox.name)).toContainText('Failed');

    await emulator.addItemFault({
      path: `/synchronizationProfiles/${PROFILES.sandbox.id}/profileStatus`,
      status: 404,
      body: { error: { code: 'itemNotFound', message: 'The resource could not be found.' } },
    });
    await dashboard.refreshButton().click();

    const card = dashboard.card(PROFILES.sandbox.name);
    await expect(card).toContainText('no longer exists');
    await expect(card).toContainText('The data shown is not fresh');
    await expect(card.getByRole('button', { name: 'Retry now' })).toBeVisible();
  });

  test('profile deleted from the tenant is not found', async ({ dashboard, emulator }) => {
    await dashboard.signIn();
    await dashboard.watch(PROFILES.sandbox.name);
    await expect(dashboard.card(PROFILES.sandbox.name)).toContainText('Failed');

    await emulator.deleteProfile(PROFILES.sandbox.id);
    await dashboard.refreshButton().click();

    await expect(dashboard.page.getByRole('article', { name: `${PROFILES.sandbox.id}: not found in this tenant` })).toBeVisible();
  });

  test('URL with a duplicate and an unknown id', async ({ dashboard, emulator }) => {
    void emulator;
    const unknownId = '00000000-1111-2222-3333-444444444444';
    await dashboard.signIn(undefined, { query: `?profiles=${PROFILES.csv2024.id},classic:${PROFILES.csv2024.id},${unknownId}` });

    await expect(dashboard.cards()).toHaveCount(2);
    await expect(dashboard.card(PROFILES.csv2024.name)).toBeVisible();
    await expect(dashboard.page.getByRole('article', { name: `${unknownId}: not found in this tenant` })).toBeVisible();
    await expect(dashboard.page.getByText('Your saved choice is unchanged')).toBeVisible();
  });

  test('bare id from the URL is ticked in the picker', async ({ dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn(undefined, { query: `?profiles=${PROFILES.tailspin.id}` });
    await dashboard.openPicker();

    await expect(dashboard.itemCheckbox(PROFILES.tailspin.name)).toBeChecked();
    await dashboard.itemCheckbox(PROFILES.tailspin.name).uncheck();

    await expect(dashboard.cards()).toHaveCount(0);
  });

  test('URL view leaves the saved choice alone', async ({ page, dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();
    await dashboard.watch(PROFILES.oneRoster.name);
    await expect(dashboard.cards()).toHaveCount(1);

    await page.goto(`/?profiles=${PROFILES.tailspin.id}`);
    await expect(dashboard.card(PROFILES.tailspin.name)).toBeVisible();
    await page.goto('/');

    await expect(dashboard.card(PROFILES.oneRoster.name)).toBeVisible();
    await expect(dashboard.cards()).toHaveCount(1);
  });

  test('non-admin account gets the permission message', async ({ dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn(NON_ADMIN);

    await expect(dashboard.page.getByText('SDS (classic) is unavailable')).toBeVisible();
    await expect(dashboard.page.getByText(/Access denied \(403\)/).first()).toBeVisible();
  });

  test('populated dashboard has no serious accessibility violations', async ({ page, dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();
    await dashboard.watch(PROFILES.csv2024.name, PROFILES.oneRoster.name, PROFILES.tailspin.name);
    await expect(dashboard.cards()).toHaveCount(3);
    await expect(dashboard.card(PROFILES.tailspin.name)).toContainText('Failed');

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });
});
