import { expect, type Page } from '@playwright/test';

import { advanceClocks } from './clock';
import type { DashboardPage } from './dashboard-page';
import type { EmulatorControl } from './emulator-control';
import { CONTROL_ORIGIN } from './environment';

/** One entry of the emulator's request log, with the fields that batch items and held requests add. */
export interface LogEntry {
  time: string;
  method: string;
  path: string;
  /** Null for a request that a `hang` fault keeps open. */
  status: number | null;
  batchSize?: number;
  insideBatch?: boolean;
}

/** Returns the profileStatus path of a classic profile, as the request log records it. */
export function statusPath(id: string): string {
  return `/beta/education/synchronizationProfiles/${id}/profileStatus`;
}

/** A regular expression fault path that matches the profileStatus request of every profile. */
export const EVERY_STATUS_PATH = '^/beta/education/synchronizationProfiles/[^/]+/profileStatus$';

/** `?profiles=` for classic profiles by id, in the `classic:` form that the picker shows as ticked. */
export function profilesQuery(ids: string[]): string {
  return `?profiles=${ids.map((id) => `classic:${id}`).join(',')}`;
}

/** Reads the whole request log, CORS preflights included. */
export async function readFullLog(emulator: EmulatorControl): Promise<LogEntry[]> {
  return (await emulator.requests()) as unknown as LogEntry[];
}

/** Reads the request log without CORS preflights, which Chromium sends before every Graph call the app makes. */
export async function readLog(emulator: EmulatorControl): Promise<LogEntry[]> {
  return (await readFullLog(emulator)).filter((entry) => entry.method !== 'OPTIONS');
}

/** `$batch` POSTs that reached the emulator. */
export function batchCalls(entries: LogEntry[]): LogEntry[] {
  return entries.filter((entry) => entry.insideBatch !== true && entry.method === 'POST' && entry.path === '/beta/$batch');
}

/** Graph requests of any kind: `$batch` POSTs, plain GETs and the items inside batches. */
export function graphRequests(entries: LogEntry[]): LogEntry[] {
  return entries.filter((entry) => entry.path.startsWith('/beta/') || entry.path.startsWith('/v1.0/'));
}

/** Requests for one Graph path, whether sent alone or inside a batch. */
export function requestsFor(entries: LogEntry[], path: string): LogEntry[] {
  return entries.filter((entry) => entry.path === path && entry.method === 'GET');
}

/** Requests for any profile's status, alone or inside a batch. */
export function statusRequests(entries: LogEntry[]): LogEntry[] {
  return entries.filter((entry) => entry.method === 'GET' && /^\/beta\/education\/synchronizationProfiles\/[^/]+\/profileStatus$/.test(entry.path));
}

/** Token requests (`POST …/oauth2/v2.0/token`), the authorization code and refresh token grants alike. */
export function tokenRequests(entries: LogEntry[]): LogEntry[] {
  return entries.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/oauth2/v2.0/token'));
}

/** Milliseconds of emulator time between two log entries. */
export function elapsedBetween(earlier: LogEntry | undefined, later: LogEntry | undefined): number {
  if (earlier === undefined || later === undefined) {
    throw new Error('Expected two log entries to compare, but at least one is missing from the request log.');
  }
  return Date.parse(later.time) - Date.parse(earlier.time);
}

/** Calls a control endpoint that `EmulatorControl` does not wrap. */
async function control(method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${CONTROL_ORIGIN}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`Emulator control ${method} ${path} failed with ${response.status}: ${text}`);
  }
  return JSON.parse(text) as unknown;
}

/** Adds `count` generated CSV profiles ("Load test school 0001 - CSV" and so on) and returns their ids. */
export async function generateProfiles(count: number): Promise<string[]> {
  const { ids } = (await control('POST', '/_emulator/classic/profiles', { count })) as { ids: string[] };
  return ids;
}

/** Lets browser code read `Retry-After` on top-level Graph responses, which real Graph does not allow. */
export async function exposeRetryAfter(exposed: boolean): Promise<void> {
  await control('POST', '/_emulator/cors', { exposeRetryAfter: exposed });
}

/** Jumps both clocks forward. The page fires each due timer once, instead of every tick on the way. */
export async function jumpClocks(page: Page, emulator: EmulatorControl, milliseconds: number): Promise<void> {
  await emulator.advanceClock(milliseconds);
  await page.clock.fastForward(milliseconds);
}

/** Waits until every one of `count` cards shows a state, so each has data and no poll is pending. */
export async function expectCardsLoaded(dashboard: DashboardPage, count: number): Promise<void> {
  await expect(dashboard.cards()).toHaveCount(count);
  await expect(dashboard.cards().filter({ hasText: 'Last synced' })).toHaveCount(count, { timeout: 20_000 });
  await expect(dashboard.refreshButton()).toBeEnabled();
}

/** How long the request log must stay unchanged before a round counts as over, in ms of real time. */
const QUIET_MS = 600;
const QUIET_POLL_MS = 200;

/**
 * Waits until the request log stops growing, so a round and its follow-up pages are over.
 * A request that a `hang` fault keeps open is logged at once, with a null status.
 */
export async function waitForQuiet(emulator: EmulatorControl): Promise<void> {
  const deadline = Date.now() + 15_000;
  let length = (await emulator.requests()).length;
  let unchangedSince = Date.now();
  while (Date.now() - unchangedSince < QUIET_MS) {
    if (Date.now() > deadline) {
      throw new Error('The emulator kept receiving requests for 15 s; expected the dashboard to go quiet between rounds.');
    }
    await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
    const current = (await emulator.requests()).length;
    if (current !== length) {
      length = current;
      unchangedSince = Date.now();
    }
  }
}

/** How far past a round's due time the clocks are moved, which covers the delay of the "Refresh now" click. */
const ROUND_MARGIN_MS = 1_000;

/**
 * The dashboard's poll schedule as a test drives it. "Refresh now" starts the interval over,
 * so round k falls due k intervals after the click. Moving the page clock past a pending
 * request's timeout aborts it, so the clocks only ever move to just after the moment a
 * test waits for, never a whole interval from wherever they happen to be.
 */
export class PollTimeline {
  private origin = 0;

  constructor(
    private readonly page: Page,
    private readonly emulator: EmulatorControl,
    private readonly intervalMs = 60_000,
  ) {}

  /**
   * Empties the request log, clicks "Refresh now" and waits until the round has sent
   * `statusCount` status requests and gone quiet. The log keeps that round's requests.
   */
  async restart(dashboard: DashboardPage, statusCount: number): Promise<void> {
    await this.emulator.clearRequests();
    this.origin = await pageNow(this.page);
    await dashboard.refreshButton().click();
    await expect.poll(async () => statusRequests(await readLog(this.emulator)).length).toBeGreaterThanOrEqual(statusCount);
    await waitForQuiet(this.emulator);
  }

  /** Moves both clocks to `offsetMs` after the last restart. They never move backwards. */
  async advanceTo(offsetMs: number): Promise<void> {
    const delta = this.origin + offsetMs - (await pageNow(this.page));
    if (delta > 0) {
      await advanceClocks(this.page, this.emulator, delta);
    }
  }

  /** Moves both clocks to just after round `round` (1 is the first after the restart) and waits for it to finish. */
  async toRound(round: number): Promise<void> {
    await this.advanceTo(this.roundAt(round) + ROUND_MARGIN_MS);
    await waitForQuiet(this.emulator);
  }

  /** Offset of round `round` from the last restart, in ms. */
  roundAt(round: number): number {
    return round * this.intervalMs;
  }
}

async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/** Overrides `document.visibilityState` and `document.hidden` in the page and fires `visibilitychange`. */
export async function setPageVisibility(page: Page, state: 'visible' | 'hidden'): Promise<void> {
  await page.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
