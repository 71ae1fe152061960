import type { Page } from '@playwright/test';

import { advanceClocks, startClocks } from './support/clock';
import type { DashboardPage } from './support/dashboard-page';
import type { EmulatorControl } from './support/emulator-control';
import { ADMIN } from './support/environment';
import { expect, test } from './support/fixtures';
import {
  batchCalls,
  EVERY_STATUS_PATH,
  expectCardsLoaded,
  generateProfiles,
  graphRequests,
  jumpClocks,
  PollTimeline,
  profilesQuery,
  readLog,
  statusRequests,
  tokenRequests,
  waitForQuiet,
} from './support/graph-traffic';
import { PROFILES } from './support/profiles';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WATCHED = [PROFILES.csv2024, PROFILES.oneRoster];
const SESSION_BANNER = 'Sign in again to resume updates';
const ALL_CONSENTED_SCOPES = [
  'https://graph.microsoft.com/EduAdministration.Read',
  'https://graph.microsoft.com/IndustryData-Run.Read.All',
  'https://graph.microsoft.com/IndustryData-InboundFlow.Read.All',
  'https://graph.microsoft.com/User.Read',
  'openid',
  'profile',
  'offline_access',
];

declare global {
  interface Window {
    /** Set by a test before the session ends, to show that signing in again did not reload the page. */
    resilienceTestMarker?: string;
  }
}

/**
 * Signs in to a classic-only dashboard that watches `ids`, starts the interval over once
 * every card has data, and returns the timeline with an empty request log.
 */
async function openDashboard(page: Page, dashboard: DashboardPage, emulator: EmulatorControl, ids: string[]): Promise<PollTimeline> {
  await dashboard.signIn(undefined, { query: profilesQuery(ids) });
  await expectCardsLoaded(dashboard, ids.length);
  const timeline = new PollTimeline(page, emulator);
  await timeline.restart(dashboard, ids.length);
  await emulator.clearRequests();
  return timeline;
}

/** Moves both clocks through `rounds` intervals while polling should be stopped, and returns what reached the emulator. */
async function idleThrough(page: Page, emulator: EmulatorControl, rounds: number) {
  await emulator.clearRequests();
  for (let round = 0; round < rounds; round += 1) {
    await advanceClocks(page, emulator, MINUTE);
  }
  await waitForQuiet(emulator);
  return readLog(emulator);
}

test.beforeEach(({ setAppConfig }) => {
  setAppConfig({ sources: ['classic'] });
});

test.describe('access tokens', () => {
  test('100 cards share one token renewal', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const ids = await generateProfiles(100);
    await openDashboard(page, dashboard, emulator, ids);

    // Access tokens live 1 hour, so the round that falls due after the jump needs a new one.
    await jumpClocks(page, emulator, 61 * MINUTE);

    await expect.poll(async () => statusRequests(await readLog(emulator)).length, { timeout: 20_000 }).toBe(100);
    await waitForQuiet(emulator);
    const log = await readLog(emulator);
    expect(tokenRequests(log)).toHaveLength(1);
    expect(tokenRequests(log)[0]?.status).toBe(200);
    expect(statusRequests(log).every((request) => request.insideBatch === true && request.status === 200)).toBe(true);
    // The profile list is due again after 30 minutes, so 101 requests travel in 6 batches.
    expect(batchCalls(log)).toHaveLength(6);
    await expect(page.getByText('Could not refresh')).toHaveCount(0);
  });

  test('401 on a trusted token forces one refresh', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const ids = await generateProfiles(25);
    const timeline = await openDashboard(page, dashboard, emulator, ids);
    await emulator.addFault({ path: EVERY_STATUS_PATH, status: 401, insideBatch: true, times: 25 });

    await timeline.toRound(1);

    let log = await readLog(emulator);
    expect(tokenRequests(log)).toHaveLength(1);
    expect(statusRequests(log).map((request) => request.status).sort()).toEqual([...Array(25).fill(200), ...Array(25).fill(401)]);
    // Every card waits for the one refresh, then all retry together.
    expect(batchCalls(log)).toHaveLength(4);
    expect(statusRequests(log).every((request) => request.insideBatch === true)).toBe(true);
    await expect(page.getByRole('alert', { name: SESSION_BANNER })).toHaveCount(0);
    await expect(page.getByText('Could not refresh')).toHaveCount(0);

    await emulator.clearRequests();
    await timeline.toRound(2);
    log = await readLog(emulator);
    expect(tokenRequests(log)).toHaveLength(0);
    expect(statusRequests(log)).toHaveLength(25);
    expect(batchCalls(log)).toHaveLength(2);
  });

  test('401 after the refresh shows one banner', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const timeline = await openDashboard(page, dashboard, emulator, WATCHED.map((profile) => profile.id));
    await emulator.addItemFault({ path: EVERY_STATUS_PATH, status: 401 });

    await timeline.toRound(1);

    const banner = page.getByRole('alert', { name: SESSION_BANNER });
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('Microsoft Graph rejected your sign-in token even after it was renewed.');
    await expect(banner).toContainText('date, time and time zone');
    await expect(banner.getByRole('button', { name: 'Sign in again' })).toBeVisible();
    let log = await readLog(emulator);
    expect(tokenRequests(log)).toHaveLength(1);
    expect(statusRequests(log).map((request) => request.status)).toEqual([401, 401, 401, 401]);

    log = await idleThrough(page, emulator, 3);
    expect(graphRequests(log)).toEqual([]);
    expect(tokenRequests(log)).toEqual([]);
    await expect(page.getByText('Polling paused')).toBeVisible();
    for (const profile of WATCHED) {
      await expect(dashboard.card(profile.name).getByText(/^Not updated since/)).toBeVisible();
    }
  });
});

test.describe('session expiry', () => {
  test('expired session pauses until signed in again', async ({ page, context, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator, WATCHED.map((profile) => profile.id));
    await page.evaluate(() => {
      window.resilienceTestMarker = 'set before the session ended';
    });

    // Refresh tokens of single-page apps expire 24 hours after sign-in.
    await jumpClocks(page, emulator, 25 * HOUR);

    const banner = page.getByRole('alert', { name: SESSION_BANNER });
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('Your sign-in session has ended (sessions of browser apps last at most 24 hours).');
    await expect(banner).toContainText('the cards below keep their last data');
    await waitForQuiet(emulator);
    const expiry = await readLog(emulator);
    expect(tokenRequests(expiry).map((request) => request.status)).toEqual([400]);
    expect(graphRequests(expiry)).toEqual([]);
    for (const profile of WATCHED) {
      const card = dashboard.card(profile.name);
      await expect(card.getByText(/^Not updated since/)).toBeVisible();
      await expect(card.getByText('Last synced')).toBeVisible();
    }

    const idle = await idleThrough(page, emulator, 3);
    expect(graphRequests(idle)).toEqual([]);
    expect(tokenRequests(idle)).toEqual([]);

    // Without the emulator's session cookie the popup shows the account picker, as after a long absence.
    await context.clearCookies({ domain: '127.0.0.1' });
    const popupPromise = page.waitForEvent('popup');
    await banner.getByRole('button', { name: 'Sign in again' }).click();
    const popup = await popupPromise;
    const popupClosed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: new RegExp(ADMIN.name) }).click();
    await popupClosed;

    await expect(banner).toHaveCount(0);
    await expect.poll(async () => statusRequests(await readLog(emulator)).length).toBe(WATCHED.length);
    await waitForQuiet(emulator);
    const resumed = await readLog(emulator);
    expect(tokenRequests(resumed)).toHaveLength(1);
    expect(statusRequests(resumed)).toHaveLength(WATCHED.length);
    for (const profile of WATCHED) {
      await expect(dashboard.card(profile.name).getByText(/^Not updated since/)).toHaveCount(0);
      await expect(dashboard.card(profile.name)).not.toContainText('Could not refresh');
    }
    expect(await page.evaluate(() => window.resilienceTestMarker)).toBe('set before the session ended');
  });

  test('expired session shows no second notice', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator, WATCHED.map((profile) => profile.id));

    await jumpClocks(page, emulator, 25 * HOUR);

    await expect(page.getByRole('alert', { name: SESSION_BANNER })).toHaveCount(1);
    await expect(page.getByRole('status', { name: 'SDS (classic) is unavailable' })).toHaveCount(0);
  });

  test('background renewal timeout names the cause', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator, WATCHED.map((profile) => profile.id));
    await emulator.addFault({ method: 'GET', path: '/oauth2/v2.0/authorize', hang: true });

    await jumpClocks(page, emulator, 25 * HOUR);
    // The refresh token is rejected, so MSAL tries a hidden frame, which never loads.
    await expect.poll(async () => (await readLog(emulator)).filter((entry) => entry.path.endsWith('/oauth2/v2.0/authorize')).length).toBe(1);
    await advanceClocks(page, emulator, 15_000);

    const banner = page.getByRole('alert', { name: SESSION_BANNER });
    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('Renewing your sign-in in the background timed out');
    await expect(banner).toContainText('timed_out');
    const idle = await idleThrough(page, emulator, 2);
    expect(graphRequests(idle)).toEqual([]);
  });

  test('withdrawn consent stops polling until retried', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator, WATCHED.map((profile) => profile.id));
    await emulator.setConsent(ALL_CONSENTED_SCOPES.filter((scope) => !scope.endsWith('/EduAdministration.Read')));

    // The expired access token can only be renewed with a scope that lost its admin consent.
    await jumpClocks(page, emulator, 61 * MINUTE);

    const card = dashboard.card(PROFILES.csv2024.name);
    await expect(card).toContainText('Microsoft Entra has no admin consent for EduAdministration.Read.');
    await expect(card.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(page.getByRole('alert', { name: SESSION_BANNER })).toHaveCount(0);
    await expect(page.getByRole('status', { name: 'SDS (classic) is unavailable' })).toContainText('admin consent');
    await waitForQuiet(emulator);
    expect(tokenRequests(await readLog(emulator)).map((request) => request.status)).toEqual([400]);

    const idle = await idleThrough(page, emulator, 3);
    expect(tokenRequests(idle)).toEqual([]);
    expect(graphRequests(idle)).toEqual([]);

    await emulator.setConsent(ALL_CONSENTED_SCOPES);
    await card.getByRole('button', { name: 'Retry now' }).click();

    await expect(card).not.toContainText('Could not refresh');
    await waitForQuiet(emulator);
    const retried = await readLog(emulator);
    expect(tokenRequests(retried).map((request) => request.status)).toEqual([200]);
    expect(statusRequests(retried)).toHaveLength(1);
  });
});
