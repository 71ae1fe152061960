import type { Page } from '@playwright/test';

import { startClocks } from './support/clock';
import type { DashboardPage } from './support/dashboard-page';
import type { EmulatorControl } from './support/emulator-control';
import { expect, test } from './support/fixtures';
import {
  expectCardsLoaded,
  graphRequests,
  jumpClocks,
  PollTimeline,
  profilesQuery,
  readFullLog,
  readLog,
  requestsFor,
  setPageVisibility,
  statusPath,
  statusRequests,
  tokenRequests,
  waitForQuiet,
  type LogEntry,
} from './support/graph-traffic';
import { PROFILES } from './support/profiles';

const HOUR = 3_600_000;
const FAULTY = PROFILES.csv2024;
const HEALTHY = PROFILES.oneRoster;
const REQUEST_TIMEOUT_SECONDS = 5;

async function openDashboard(page: Page, dashboard: DashboardPage, emulator: EmulatorControl): Promise<PollTimeline> {
  await dashboard.signIn(undefined, { query: profilesQuery([FAULTY.id, HEALTHY.id]) });
  await expectCardsLoaded(dashboard, 2);
  const timeline = new PollTimeline(page, emulator);
  await timeline.restart(dashboard, 2);
  await emulator.clearRequests();
  return timeline;
}

/** A fault that a later round can recover from, and how the faulty card describes it. */
interface TransientFault {
  label: string;
  summary: string;
  inject(emulator: EmulatorControl): Promise<void>;
  /** Attempts to read the faulty profile's status, as the request log shows them. */
  attempts(log: LogEntry[]): number;
}

const plainAttempts = (log: LogEntry[]) => requestsFor(log, statusPath(FAULTY.id)).length;

const TRANSIENT_FAULTS: TransientFault[] = [
  {
    label: 'network failure',
    summary: 'Microsoft Graph could not be reached (network error).',
    // A dropped connection makes fetch reject. Inside a batch it takes the whole call down,
    // so the batch falls back to single requests and only the faulty one fails again.
    inject: (emulator) => emulator.addItemFault({ path: statusPath(FAULTY.id), reset: true }),
    attempts: (log) => log.filter((entry) => entry.path === statusPath(FAULTY.id) && entry.status === 0 && entry.insideBatch !== true).length,
  },
  {
    label: 'HTML 502 page',
    summary: 'Microsoft Graph answered with an error (502).',
    inject: (emulator) =>
      emulator.addItemFault({
        path: statusPath(FAULTY.id),
        status: 502,
        body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
        contentType: 'text/html; charset=utf-8',
      }),
    attempts: plainAttempts,
  },
  {
    label: 'malformed JSON',
    summary: 'Microsoft Graph sent a response that is not valid data.',
    inject: (emulator) => emulator.addItemFault({ path: statusPath(FAULTY.id), status: 200, body: '{"id": "cut off', contentType: 'application/json' }),
    attempts: plainAttempts,
  },
];

/**
 * Waits until the log shows `count` requests held open by a `hang` fault (a held batch
 * counts twice: the POST and its item), then moves the clocks to `offsetMs`.
 */
async function advancePastHeldRequests(timeline: PollTimeline, emulator: EmulatorControl, count: number, offsetMs: number): Promise<void> {
  await expect.poll(async () => (await readLog(emulator)).filter((entry) => entry.status === null).length).toBe(count);
  await timeline.advanceTo(offsetMs);
}

test.describe('transient faults', () => {
  test.beforeEach(({ setAppConfig }) => {
    setAppConfig({ sources: ['classic'] });
  });

  for (const fault of TRANSIENT_FAULTS) {
    test(`${fault.label} keeps the last data and retries next round`, async ({ page, dashboard, emulator }) => {
      await startClocks(page, emulator);
      const timeline = await openDashboard(page, dashboard, emulator);
      await fault.inject(emulator);
      const card = dashboard.card(FAULTY.name);

      await timeline.toRound(1);

      await expect(card).toContainText(`Could not refresh. ${fault.summary}`);
      await expect(card).toContainText(/The data shown is not fresh: it was read at .+ \(1 minute ago\)\./);
      await expect(card.getByText('Last synced')).toBeVisible();
      await expect(card.getByText(/^Not updated since/)).toHaveCount(0);
      await expect(dashboard.card(HEALTHY.name)).not.toContainText('Could not refresh');
      const firstAttempts = fault.attempts(await readFullLog(emulator));
      expect(firstAttempts).toBeGreaterThan(0);

      await timeline.toRound(2);
      expect(fault.attempts(await readFullLog(emulator))).toBeGreaterThan(firstAttempts);
      // The time on screen moves every 10 s. Two intervals after the last success the card shows its age.
      await timeline.advanceTo(timeline.roundAt(2) + 15_000);
      await expect(card.getByText(/^Not updated since/)).toBeVisible();
      await expect(dashboard.card(HEALTHY.name).getByText(/^Not updated since/)).toHaveCount(0);

      await emulator.clearFaults();
      await timeline.toRound(3);
      await expect(card).not.toContainText('Could not refresh');
      await expect(card.getByText(/^Not updated since/)).toHaveCount(0);
    });
  }

  test('timeout keeps the last data and retries next round', async ({ page, dashboard, emulator, setAppConfig }) => {
    setAppConfig({ sources: ['classic'], requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS });
    await startClocks(page, emulator);
    const timeline = await openDashboard(page, dashboard, emulator);
    await emulator.addItemFault({ path: statusPath(FAULTY.id), hang: true });
    const card = dashboard.card(FAULTY.name);

    // A hung item keeps its whole batch open. Once the batch times out, each item goes
    // alone, and the faulty one times out again.
    const timeoutMs = REQUEST_TIMEOUT_SECONDS * 1_000;
    await timeline.toRound(1);
    await advancePastHeldRequests(timeline, emulator, 2, timeline.roundAt(1) + timeoutMs + 2_000);
    await advancePastHeldRequests(timeline, emulator, 3, timeline.roundAt(1) + 2 * timeoutMs + 4_000);
    await waitForQuiet(emulator);

    await expect(card).toContainText('Could not refresh. Microsoft Graph did not answer in time.');
    await expect(card.getByText('Last synced')).toBeVisible();
    await expect(dashboard.card(HEALTHY.name)).not.toContainText('Could not refresh');
    const firstAttempts = requestsFor(await readLog(emulator), statusPath(FAULTY.id)).length;
    expect(firstAttempts).toBe(2);

    await timeline.toRound(2);
    await advancePastHeldRequests(timeline, emulator, 5, timeline.roundAt(2) + timeoutMs + 2_000);
    await advancePastHeldRequests(timeline, emulator, 6, timeline.roundAt(2) + 2 * timeoutMs + 4_000);
    await waitForQuiet(emulator);
    expect(requestsFor(await readLog(emulator), statusPath(FAULTY.id))).toHaveLength(4);
    await expect(card.getByText(/^Not updated since/)).toBeVisible();

    await emulator.clearFaults();
    await timeline.toRound(3);
    await expect(card).not.toContainText('Could not refresh');
    await expect(card.getByText(/^Not updated since/)).toHaveCount(0);
  });
});

test.describe('offline and sleep', () => {
  test.beforeEach(({ setAppConfig }) => {
    setAppConfig({ sources: ['classic'] });
  });

  test('offline shows one banner and pauses polling', async ({ page, context, dashboard, emulator }) => {
    await startClocks(page, emulator);
    const timeline = await openDashboard(page, dashboard, emulator);
    const banner = page.getByRole('status', { name: 'You are offline' });

    await context.setOffline(true);

    await expect(banner).toHaveCount(1);
    await expect(banner).toContainText('They resume as soon as it returns.');
    await timeline.toRound(3);
    expect(await readLog(emulator)).toEqual([]);
    await expect(dashboard.card(FAULTY.name).getByText(/^Not updated since/)).toBeVisible();
    await expect(dashboard.card(FAULTY.name)).not.toContainText('Could not refresh');

    await context.setOffline(false);

    await expect(banner).toHaveCount(0);
    await expect.poll(async () => statusRequests(await readLog(emulator)).length).toBe(2);
    await expect(dashboard.card(FAULTY.name).getByText(/^Not updated since/)).toHaveCount(0);
    await waitForQuiet(emulator);
    expect(statusRequests(await readLog(emulator))).toHaveLength(2);
  });

  test('waking from sleep polls overdue items', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator);
    await setPageVisibility(page, 'hidden');

    // While the machine sleeps, time passes but no timer runs.
    await emulator.advanceClock(2 * HOUR);
    await page.clock.setSystemTime(new Date((await page.evaluate(() => Date.now())) + 2 * HOUR));
    await waitForQuiet(emulator);
    expect(await readLog(emulator)).toEqual([]);

    await setPageVisibility(page, 'visible');

    await expect.poll(async () => statusRequests(await readLog(emulator)).length).toBe(2);
    await waitForQuiet(emulator);
    const log = await readLog(emulator);
    expect(tokenRequests(log)).toHaveLength(1);
    expect(statusRequests(log)).toHaveLength(2);
    for (const profile of [FAULTY, HEALTHY]) {
      await expect(dashboard.card(profile.name).getByText(/^Not updated since/)).toHaveCount(0);
      await expect(dashboard.card(profile.name)).not.toContainText('Could not refresh');
    }
  });

  test('late round while hidden is not repeated', async ({ page, dashboard, emulator }) => {
    await startClocks(page, emulator);
    await openDashboard(page, dashboard, emulator);
    await setPageVisibility(page, 'hidden');

    await jumpClocks(page, emulator, 2 * HOUR);
    await expect.poll(async () => statusRequests(await readLog(emulator)).length).toBe(2);
    await waitForQuiet(emulator);
    await emulator.clearRequests();

    await setPageVisibility(page, 'visible');

    await waitForQuiet(emulator);
    expect(graphRequests(await readLog(emulator))).toEqual([]);
    await expect(dashboard.card(FAULTY.name).getByText(/^Not updated since/)).toHaveCount(0);
  });
});

test.describe('faults polling cannot fix', () => {
  test.beforeEach(({ setAppConfig }) => {
    setAppConfig({ sources: ['classic'] });
  });

  const cases = [
    { status: 403, code: 'accessDenied', summary: 'Access denied (403)' },
    { status: 404, code: 'itemNotFound', summary: 'no longer exists in the tenant (404)' },
  ];
  for (const { status, code, summary } of cases) {
    test(`${status} stops polling that card until retried`, async ({ page, dashboard, emulator }) => {
      await startClocks(page, emulator);
      const timeline = await openDashboard(page, dashboard, emulator);
      await emulator.addItemFault({ path: statusPath(FAULTY.id), status, body: { error: { code, message: 'Injected for the test.' } } });
      const card = dashboard.card(FAULTY.name);

      await timeline.toRound(1);
      await expect(card).toContainText(summary);
      await expect(card.getByRole('button', { name: 'Retry now' })).toBeVisible();
      await timeline.toRound(2);
      await timeline.toRound(3);
      await timeline.toRound(4);

      let log = await readLog(emulator);
      expect(requestsFor(log, statusPath(FAULTY.id))).toHaveLength(1);
      expect(requestsFor(log, statusPath(HEALTHY.id))).toHaveLength(4);
      await expect(dashboard.card(HEALTHY.name)).not.toContainText('Could not refresh');

      await emulator.clearFaults();
      await card.getByRole('button', { name: 'Retry now' }).click();
      await expect(card).not.toContainText('Could not refresh');
      await timeline.toRound(5);
      log = await readLog(emulator);
      expect(requestsFor(log, statusPath(FAULTY.id))).toHaveLength(3);
      expect(requestsFor(log, statusPath(HEALTHY.id))).toHaveLength(5);
    });
  }
});
