import { startClocks, TEST_START } from './support/clock';
import { ADMIN } from './support/environment';
import { expect, test } from './support/fixtures';
import { statusPath } from './support/graph-traffic';
import { PROFILES } from './support/profiles';

const STATUS_MESSAGE = 'Processed 12 in the last hour.\r\nUpdated 3 students at Fabrikam High.';

test.describe('kiosk view', () => {
  test('shows no account, request id or message', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.setProfileStatus(PROFILES.csv2024.id, {
      status: 'success',
      errorCount: 0,
      lastSynchronizationDateTime: new Date(TEST_START.getTime() - 3 * 60_000).toISOString(),
      statusMessage: STATUS_MESSAGE,
    });
    // Without a body, the emulator returns Graph's error envelope, request-id included.
    await emulator.addItemFault({ path: statusPath(PROFILES.oneRoster.id), status: 403 });
    const query = `?profiles=${PROFILES.csv2024.id},${PROFILES.oneRoster.id}`;

    // The full view shows all three, so their absence below comes from the kiosk view.
    await dashboard.signIn(ADMIN, { query });
    await expect(dashboard.card(PROFILES.csv2024.name).locator('.card-message')).toContainText('Updated 3 students');
    const failing = dashboard.card(PROFILES.oneRoster.name);
    await expect(failing).toContainText('Access denied (403)');
    const requestIdValue = failing.locator('dt:text-is("request-id") + dd');
    await expect(requestIdValue).toHaveText(/^[0-9a-f-]{36}$/);
    const [requestId = ''] = await requestIdValue.allTextContents();
    await expect(dashboard.signedInAs(ADMIN.name)).toBeVisible();

    await dashboard.open(`${query}&view=kiosk`);

    await expect(page.locator('.kiosk-tile')).toHaveCount(2);
    await expect(page.locator('.kiosk-tile', { hasText: PROFILES.csv2024.name })).toContainText('Healthy');
    await expect(page.locator('.kiosk-tile', { hasText: PROFILES.oneRoster.name })).toBeVisible();
    const html = await page.content();
    for (const secret of [ADMIN.name, ADMIN.username, requestId, 'Updated 3 students', 'Injected fault', 'Access denied']) {
      expect(html, `kiosk page contains ${secret}`).not.toContain(secret);
    }
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  });

  test('failed item without data shows no loading state', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.addItemFault({ path: statusPath(PROFILES.oneRoster.id), status: 403 });
    const query = `?profiles=${PROFILES.csv2024.id},${PROFILES.oneRoster.id}`;
    await dashboard.signIn(ADMIN, { query });
    await expect(dashboard.card(PROFILES.oneRoster.name)).toContainText('Access denied (403)');

    await dashboard.open(`${query}&view=kiosk`);

    await expect(page.locator('.kiosk-alive')).toContainText('Live');
    const tile = page.locator('.kiosk-tile', { hasText: PROFILES.oneRoster.name });
    await expect(tile).not.toContainText('Loading');
    await expect(tile).not.toContainText('Access denied');
  });
});
