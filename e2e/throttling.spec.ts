import type { Page } from '@playwright/test';

import { startClocks } from './support/clock';
import type { DashboardPage } from './support/dashboard-page';
import type { EmulatorControl } from './support/emulator-control';
import { expect, test } from './support/fixtures';
import {
  batchCalls,
  elapsedBetween,
  expectCardsLoaded,
  exposeRetryAfter,
  generateProfiles,
  graphRequests,
  PollTimeline,
  profilesQuery,
  readLog,
  requestsFor,
  statusPath,
  statusRequests,
  waitForQuiet,
} from './support/graph-traffic';
import { PROFILES } from './support/profiles';

const SLOW_DOWN = 'Microsoft Graph asked the app to slow down. Trying again at';

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

test.beforeEach(({ setAppConfig }) => {
  setAppConfig({ sources: ['classic'] });
});

test.describe('throttling inside a batch', () => {
  const cases = [
    { label: 'integer Retry-After', retryAfter: ['5', '30'], waitMs: 30_000 },
    { label: 'decimal Retry-After', retryAfter: ['0.1', '0.249'], waitMs: 1_000 },
  ];
  for (const { label, retryAfter, waitMs } of cases) {
    test(`429 with ${label} waits, then retries together`, async ({ page, dashboard, emulator }) => {
      await startClocks(page, emulator);
      const throttled = [PROFILES.csv2024, PROFILES.oneRoster];
      const timeline = await openDashboard(page, dashboard, emulator, [...throttled.map((profile) => profile.id), PROFILES.tailspin.id]);
      for (const [index, profile] of throttled.entries()) {
        await emulator.addFault({ path: statusPath(profile.id), status: 429, headers: { 'Retry-After': retryAfter[index] ?? '' }, insideBatch: true, times: 1 });
      }

      await timeline.toRound(1);

      // The longest Retry-After decides. Before it runs out, nothing is sent again. A wait
      // of 1 s may end before the page is read, so only the long wait is checked on screen.
      if (waitMs > 5_000) {
        for (const profile of throttled) {
          const card = dashboard.card(profile.name);
          await expect(card).toContainText('Could not refresh. Microsoft Graph is throttling requests (429).');
          await expect(card).toContainText(SLOW_DOWN);
          await expect(card.getByText('Last synced')).toBeVisible();
        }
        await expect(dashboard.card(PROFILES.tailspin.name)).not.toContainText('Could not refresh');
        await timeline.advanceTo(timeline.roundAt(1) + waitMs - 2_000);
        await waitForQuiet(emulator);
        for (const profile of throttled) {
          expect(requestsFor(await readLog(emulator), statusPath(profile.id))).toHaveLength(1);
        }
      }
      await timeline.advanceTo(timeline.roundAt(1) + waitMs + 2_000);
      await waitForQuiet(emulator);

      const log = await readLog(emulator);
      for (const profile of throttled) {
        const requests = requestsFor(log, statusPath(profile.id));
        expect(requests.map((request) => request.status)).toEqual([429, 200]);
        expect(elapsedBetween(requests[0], requests[1])).toBeGreaterThanOrEqual(waitMs);
        await expect(dashboard.card(profile.name)).not.toContainText('Could not refresh');
      }
      expect(batchCalls(log).map((batch) => batch.batchSize)).toEqual([3, 2]);
      expect(requestsFor(log, statusPath(PROFILES.tailspin.id))).toHaveLength(1);

      await emulator.clearRequests();
      await timeline.toRound(2);
      const steady = await readLog(emulator);
      expect(batchCalls(steady).map((batch) => batch.batchSize)).toEqual([3]);
      expect(graphRequests(steady)).toHaveLength(1 + 3);
    });
  }

  test('429 without Retry-After backs off at least 1 s', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const timeline = await openDashboard(page, dashboard, emulator, [PROFILES.csv2024.id, PROFILES.oneRoster.id]);
    // The first 429 arrives inside the round's batch. The retry of a lone item is a plain GET.
    await emulator.addFault({ path: statusPath(PROFILES.csv2024.id), status: 429, insideBatch: true, times: 1 });
    await emulator.addFault({ path: statusPath(PROFILES.csv2024.id), status: 429, insideBatch: false, times: 1 });

    // The card is read at once, because the backoff retry follows about 1 s later.
    await timeline.advanceTo(timeline.roundAt(1) + 1_000);

    const card = dashboard.card(PROFILES.csv2024.name);
    await expect(card).toContainText('Microsoft Graph is throttling requests (429).');
    await expect(card).toContainText(SLOW_DOWN);
    for (const seconds of [5, 10, 15]) {
      await timeline.advanceTo(timeline.roundAt(1) + seconds * 1_000);
      await waitForQuiet(emulator);
    }

    const log = await readLog(emulator);
    const requests = requestsFor(log, statusPath(PROFILES.csv2024.id));
    expect(requests.map((request) => request.status)).toEqual([429, 429, 200]);
    expect(elapsedBetween(requests[0], requests[1])).toBeGreaterThanOrEqual(1_000);
    expect(elapsedBetween(requests[1], requests[2])).toBeGreaterThanOrEqual(1_000);
    expect(requestsFor(log, statusPath(PROFILES.oneRoster.id))).toHaveLength(1);
    await expect(card).not.toContainText('Could not refresh');
  });
});

test.describe('throttling of a plain GET', () => {
  for (const status of [429, 503]) {
    test(`top-level ${status} backs off without a readable Retry-After`, async ({ page, dashboard, emulator }) => {
      await startClocks(page, emulator);
      const timeline = await openDashboard(page, dashboard, emulator, [PROFILES.csv2024.id]);
      await emulator.addFault({ path: statusPath(PROFILES.csv2024.id), status, headers: { 'Retry-After': '30' }, insideBatch: false, times: 3 });

      await timeline.advanceTo(timeline.roundAt(1) + 1_000);

      const card = dashboard.card(PROFILES.csv2024.name);
      await expect(card).toContainText('Could not refresh.');
      await expect(card).toContainText(SLOW_DOWN);
      await expect(card.getByText('Last synced')).toBeVisible();
      for (const seconds of [5, 10, 15, 20]) {
        await timeline.advanceTo(timeline.roundAt(1) + seconds * 1_000);
        await waitForQuiet(emulator);
      }

      const log = await readLog(emulator);
      const requests = requestsFor(log, statusPath(PROFILES.csv2024.id));
      expect(requests.map((request) => request.status)).toEqual([status, status, status, 200]);
      expect(requests.every((request) => request.insideBatch !== true)).toBe(true);
      for (let index = 1; index < requests.length; index += 1) {
        expect(elapsedBetween(requests[index - 1], requests[index])).toBeGreaterThanOrEqual(1_000);
      }
      expect(batchCalls(log)).toHaveLength(0);
      await expect(card).not.toContainText('Could not refresh');
    });
  }

  test('top-level 429 with a readable Retry-After waits for it', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await exposeRetryAfter(true);
    const timeline = await openDashboard(page, dashboard, emulator, [PROFILES.csv2024.id]);
    await emulator.addFault({ path: statusPath(PROFILES.csv2024.id), status: 429, headers: { 'Retry-After': '30' }, insideBatch: false, times: 1 });

    await timeline.toRound(1);
    await expect(dashboard.card(PROFILES.csv2024.name)).toContainText(SLOW_DOWN);
    await timeline.advanceTo(timeline.roundAt(1) + 28_000);
    await waitForQuiet(emulator);
    expect(requestsFor(await readLog(emulator), statusPath(PROFILES.csv2024.id))).toHaveLength(1);

    await timeline.advanceTo(timeline.roundAt(1) + 32_000);
    await waitForQuiet(emulator);

    const requests = requestsFor(await readLog(emulator), statusPath(PROFILES.csv2024.id));
    expect(requests.map((request) => request.status)).toEqual([429, 200]);
    expect(elapsedBetween(requests[0], requests[1])).toBeGreaterThanOrEqual(30_000);
  });
});

test.describe('requests per interval', () => {
  test('25 watched profiles take 2 batches per interval', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const ids = await generateProfiles(25);
    const timeline = await openDashboard(page, dashboard, emulator, ids);

    for (const round of [1, 2]) {
      await timeline.toRound(round);
      const log = await readLog(emulator);
      expect(batchCalls(log)).toHaveLength(2);
      expect(statusRequests(log)).toHaveLength(25);
      expect(statusRequests(log).every((request) => request.insideBatch === true)).toBe(true);
      expect(graphRequests(log)).toHaveLength(2 + 25);
      await emulator.clearRequests();
    }

    await timeline.restart(dashboard, 25);
    const refreshed = await readLog(emulator);
    // "Refresh now" also reloads the profile list, whose first page travels in the batches.
    expect(batchCalls(refreshed).map((batch) => batch.batchSize)).toEqual([13, 13]);
    expect(statusRequests(refreshed)).toHaveLength(25);
    expect(statusRequests(refreshed).every((request) => request.insideBatch === true)).toBe(true);
    await emulator.clearRequests();

    await timeline.toRound(1);
    expect(batchCalls(await readLog(emulator))).toHaveLength(2);
  });

  test('adding and removing items keeps ceil(N/20) batches', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const ids = await generateProfiles(25);
    const timeline = await openDashboard(page, dashboard, emulator, ids);

    await dashboard.watch(PROFILES.csv2024.name);
    await expectCardsLoaded(dashboard, 26);
    await waitForQuiet(emulator);
    await emulator.clearRequests();
    await timeline.toRound(1);
    let log = await readLog(emulator);
    expect(batchCalls(log).map((batch) => batch.batchSize)).toEqual([13, 13]);
    expect(statusRequests(log)).toHaveLength(26);

    const names = await dashboard.cards().getByRole('heading').allTextContents();
    for (const name of names.slice(0, 6)) {
      await dashboard.itemCheckbox(name).uncheck();
    }
    await expect(dashboard.cards()).toHaveCount(20);
    await waitForQuiet(emulator);
    await emulator.clearRequests();
    await timeline.toRound(2);
    log = await readLog(emulator);
    expect(batchCalls(log).map((batch) => batch.batchSize)).toEqual([20]);
    expect(graphRequests(log)).toHaveLength(1 + 20);

    await dashboard.itemCheckbox(names[0] ?? '').check();
    await expectCardsLoaded(dashboard, 21);
    await waitForQuiet(emulator);
    await emulator.clearRequests();
    await timeline.toRound(3);
    log = await readLog(emulator);
    expect(batchCalls(log).map((batch) => batch.batchSize).sort()).toEqual([10, 11]);
    expect(statusRequests(log)).toHaveLength(21);
  });
});
