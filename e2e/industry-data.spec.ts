import type { Page } from '@playwright/test';

import { startClocks, TEST_START } from './support/clock';
import type { EmulatorControl } from './support/emulator-control';
import { expect, test } from './support/fixtures';
import { FLOWS, flowQuery } from './support/flows';
import { PROFILES } from './support/profiles';

const HOUR = 3_600_000;

/** Jumps both clocks forward; the page fires each due timer once instead of every tick on the way. */
async function jumpClocks(page: Page, emulator: EmulatorControl, milliseconds: number): Promise<void> {
  await emulator.advanceClock(milliseconds);
  await page.clock.fastForward(milliseconds);
}

test.describe('SDS (new) inbound flows', () => {
  test('tenant with both sources lists both kinds', async ({ dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn();
    await dashboard.openPicker();

    const classicRow = dashboard.page.getByRole('row', { name: new RegExp(PROFILES.csv2024.name) });
    const flowRow = dashboard.page.getByRole('row', { name: new RegExp(FLOWS.summer.name) });
    await expect(classicRow).toContainText('SDS (classic)');
    await expect(flowRow).toContainText('SDS (new)');

    await dashboard.watch(PROFILES.csv2024.name, FLOWS.summer.name);
    await expect(dashboard.cards()).toHaveCount(2);
    await expect(dashboard.card(FLOWS.summer.name)).toContainText('Last 14 runs');
  });

  test('tenant with only the new SDS', async ({ dashboard, emulator, setAppConfig }) => {
    setAppConfig({ sources: ['industryData'] });
    void emulator;
    await dashboard.signIn();
    await dashboard.openPicker();

    await expect(dashboard.itemCheckbox(FLOWS.oneRoster.name)).toBeVisible();
    await expect(dashboard.page.getByRole('cell', { name: 'SDS (classic)' })).toHaveCount(0);
    await dashboard.watch(FLOWS.summer.name);
    await expect(dashboard.card(FLOWS.summer.name)).toContainText('Healthy');
  });

  for (const mode of ['badRequestSegment', 'notFound', 'emptyList'] as const) {
    test(`classic retired (${mode}) shows one notice`, async ({ page, dashboard, emulator }) => {
      await emulator.setClassicRetired(mode);
      await dashboard.signIn(undefined, { query: `?profiles=classic:${PROFILES.csv2024.id},industryData:${FLOWS.summer.id}` });

      const notice = page.getByRole('status', { name: 'SDS (classic) was retired by Microsoft' });
      await expect(notice).toContainText('31 December 2024');
      await expect(dashboard.card(FLOWS.summer.name)).toBeVisible();
      await expect(dashboard.cards()).toHaveCount(1);
      await expect(page.getByText('Could not refresh')).toHaveCount(0);
      await expect(page.getByText('SDS (classic) is unavailable')).toHaveCount(0);

      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice).toHaveCount(0);
      await page.reload();
      await expect(dashboard.card(FLOWS.summer.name)).toBeVisible();
      await expect(page.getByRole('status', { name: 'SDS (classic) was retired by Microsoft' })).toHaveCount(0);
    });
  }

  test('failed run shows its blocking error', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await dashboard.signIn(undefined, { query: flowQuery(FLOWS.oneRoster) });

    const card = dashboard.card(FLOWS.oneRoster.name);
    await expect(card).toContainText('Failed');
    await expect(card.locator('.card-blocking-error')).toContainText('Blocking error');
    await expect(card.locator('.card-blocking-error')).not.toBeEmpty();
  });

  test('flow is overdue after 13 hours without runs', async ({ page, dashboard, emulator }) => {
    const justAfterRun = new Date('2026-03-02T03:50:00.000Z');
    await startClocks(page, emulator, justAfterRun);
    await emulator.industryData('pause-runs', { hours: 24 });
    await dashboard.signIn(undefined, { query: flowQuery(FLOWS.summer) });
    const card = dashboard.card(FLOWS.summer.name);
    await expect(card).toContainText('Healthy');

    await jumpClocks(page, emulator, 13 * HOUR);

    await expect(card).toContainText('Overdue');
  });

  test('on-demand run that skips the next run is not overdue', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await emulator.industryData('on-demand-run');
    await dashboard.signIn(undefined, { query: flowQuery(FLOWS.summer) });
    const card = dashboard.card(FLOWS.summer.name);
    await expect(card).toContainText(/In progress|Healthy/);

    // The scheduled 14:10 run is skipped; at 15:30 it is past its time plus the grace period.
    await jumpClocks(page, emulator, 6.5 * HOUR);

    await expect(card).toContainText('Healthy');
    await expect(card).not.toContainText('Overdue');
    await expect(card.getByText('Next run expected')).toBeVisible();
    expect(TEST_START.getUTCHours()).toBe(9);
  });

  test('unreadable activities fall back to run status', async ({ dashboard, emulator }) => {
    await emulator.industryData('activities-forbidden', { value: true });
    await dashboard.signIn(undefined, { query: flowQuery(FLOWS.summer) });

    const card = dashboard.card(FLOWS.summer.name);
    await expect(card).toContainText('activity details could not be read');
    await expect(card.locator('.run-strip li').first()).toBeVisible();
    await expect(card).not.toContainText('Could not refresh');
  });

  test('expired flow says so', async ({ dashboard, emulator }) => {
    void emulator;
    await dashboard.signIn(undefined, { query: flowQuery(FLOWS.unifiedExpired) });

    const card = dashboard.card(FLOWS.unifiedExpired.name);
    await expect(card).toContainText('Expired');
    await expect(card.locator('.expiry-attention')).toBeVisible();
    // Another flow has the same name, so the card names its id.
    await expect(card.locator('.card-source')).toContainText(FLOWS.unifiedExpired.id);
  });

  test('missing Industry Data consent leaves classic working', async ({ page, dashboard, emulator }) => {
    await emulator.setConsent(['https://graph.microsoft.com/EduAdministration.Read', 'openid', 'profile', 'offline_access']);
    await dashboard.signIn(undefined, { query: `?profiles=classic:${PROFILES.oneRoster.id},industryData:${FLOWS.summer.id}` });

    await expect(dashboard.card(PROFILES.oneRoster.name)).toContainText(/Healthy|Failed|Warning|In progress/);
    await expect(dashboard.card(PROFILES.oneRoster.name)).not.toContainText('Could not refresh');
    const notice = page.getByRole('status', { name: 'SDS (new) is unavailable' });
    await expect(notice).toContainText('IndustryData-InboundFlow.Read.All');
    await expect(notice).toContainText('admin consent');
  });

  test('missing classic consent leaves the new SDS working', async ({ page, dashboard, emulator }) => {
    await emulator.setConsent([
      'https://graph.microsoft.com/IndustryData-Run.Read.All',
      'https://graph.microsoft.com/IndustryData-InboundFlow.Read.All',
      'openid',
      'profile',
      'offline_access',
    ]);
    await dashboard.signIn(undefined, { query: `?profiles=classic:${PROFILES.oneRoster.id},industryData:${FLOWS.summer.id}` });

    await expect(dashboard.card(FLOWS.summer.name)).toContainText('Healthy');
    const notice = page.getByRole('status', { name: 'SDS (classic) is unavailable' });
    await expect(notice).toContainText('EduAdministration.Read');
    await expect(notice).toContainText('admin consent');
  });
});
