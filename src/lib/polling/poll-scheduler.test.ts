// @vitest-environment jsdom
import { hashKey, QueryObserver, type QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { TokenError } from '@/lib/auth/auth-errors';
import { GraphError } from '@/lib/graph/graph-error';
import { RETRY_MAX_DELAY_MS, RETRY_MIN_DELAY_MS } from '@/lib/graph/retry-policy';
import { createQueryClient } from '@/lib/query/query-client';

import { PollScheduler, POLLED } from './poll-scheduler';

const INTERVAL_MS = 60_000;
const START = new Date('2026-03-02T09:00:00.000Z').getTime();

/** A watched query whose query function records when it ran and fails or succeeds on demand. */
interface Probe {
  hash: string;
  queryKey: string[];
  /** Fake-clock time of every call of the query function, the first load included. */
  calls: number[];
  succeed(): void;
  fail(error: unknown): void;
}

interface ProbeOptions {
  meta?: Record<string, unknown>;
  enabled?: boolean;
}

let queryClient: QueryClient;
let scheduler: PollScheduler | undefined;
let visibility: DocumentVisibilityState = 'visible';
const unsubscribers: (() => void)[] = [];

function graphFailure(status: number, retryAfterMs: number | null = null): GraphError {
  return new GraphError({
    kind: 'http',
    status,
    code: status === 429 ? 'TooManyRequests' : null,
    graphMessage: null,
    requestId: null,
    clientRequestId: 'test-client-request-id',
    retryAfterMs,
    path: '/beta/test',
  });
}

function networkFailure(): GraphError {
  return new GraphError({
    kind: 'network',
    status: null,
    code: null,
    graphMessage: null,
    requestId: null,
    clientRequestId: 'test-client-request-id',
    retryAfterMs: null,
    path: '/beta/test',
  });
}

/** Adds a query with a subscribed observer, as a mounted card has, and lets its first load settle. */
async function watch(name: string, { meta = POLLED, enabled = true }: ProbeOptions = {}): Promise<Probe> {
  const queryKey = ['test', name];
  const calls: number[] = [];
  let outcome: () => unknown = () => ({ name });
  const observer = new QueryObserver(queryClient, {
    queryKey,
    queryFn: async () => {
      calls.push(Date.now());
      return outcome();
    },
    meta,
    enabled,
  });
  unsubscribers.push(observer.subscribe(() => undefined));
  await vi.advanceTimersByTimeAsync(0);

  return {
    hash: hashKey(queryKey),
    queryKey,
    calls,
    succeed: () => {
      outcome = () => ({ name, at: Date.now() });
    },
    fail: (error) => {
      outcome = () => {
        throw error;
      };
    },
  };
}

function startScheduler(random: () => number = () => 0): PollScheduler {
  scheduler = new PollScheduler({ queryClient, intervalMs: INTERVAL_MS, random });
  scheduler.start();
  return scheduler;
}

/** Moves the fake clock to `START + offsetMs`, firing the timers that fall due on the way. */
async function advanceTo(offsetMs: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(START + offsetMs - Date.now());
}

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  queryClient = createQueryClient();
});

afterEach(() => {
  scheduler?.stop();
  scheduler = undefined;
  for (const unsubscribe of unsubscribers.splice(0)) {
    unsubscribe();
  }
  queryClient.clear();
  vi.useRealTimers();
});

describe('PollScheduler rounds', () => {
  it('refetches polled active queries together', async () => {
    startScheduler();
    const first = await watch('first');
    const second = await watch('second');
    const third = await watch('third');
    const unpolled = await watch('unpolled', { meta: {} });
    const disabled = await watch('disabled', { enabled: false });
    await queryClient.prefetchQuery({ queryKey: ['test', 'inactive'], queryFn: () => ({}), meta: POLLED });
    const inactiveUpdatedAt = queryClient.getQueryState(['test', 'inactive'])?.dataUpdatedAt;
    const refetch = vi.spyOn(queryClient, 'refetchQueries');

    await advanceTo(INTERVAL_MS / 2);

    expect(refetch).toHaveBeenCalledTimes(1);
    for (const probe of [first, second, third]) {
      expect(probe.calls).toEqual([START, START + INTERVAL_MS / 2]);
    }
    expect(unpolled.calls).toEqual([START]);
    expect(disabled.calls).toEqual([]);
    expect(queryClient.getQueryState(['test', 'inactive'])?.dataUpdatedAt).toBe(inactiveUpdatedAt);
  });

  it.each([
    [0, 30_000],
    [0.5, 45_000],
    [0.96875, 59_062],
  ])('with random %f starts after %i ms, then every interval', async (random, firstRoundMs) => {
    startScheduler(() => random);
    const probe = await watch('profile');

    await advanceTo(firstRoundMs - 1);
    expect(probe.calls).toHaveLength(1);
    await advanceTo(firstRoundMs);
    expect(probe.calls).toHaveLength(2);

    await advanceTo(firstRoundMs + INTERVAL_MS - 1);
    expect(probe.calls).toHaveLength(2);
    await advanceTo(firstRoundMs + INTERVAL_MS);
    expect(probe.calls).toHaveLength(3);
    await advanceTo(firstRoundMs + 3 * INTERVAL_MS);
    expect(probe.calls).toEqual([START, ...[0, 1, 2, 3].map((round) => START + firstRoundMs + round * INTERVAL_MS)]);
  });

  it('pollNow polls at once and restarts the interval', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    await advanceTo(10_000);

    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(probe.calls).toEqual([START, START + 10_000]);
    expect(polling.lastRound()).toBe(START + 10_000);

    await advanceTo(30_000);
    expect(probe.calls).toHaveLength(2);
    await advanceTo(10_000 + INTERVAL_MS);
    expect(probe.calls).toEqual([START, START + 10_000, START + 10_000 + INTERVAL_MS]);
  });

  it('stop ends the rounds', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');

    polling.stop();
    await advanceTo(5 * INTERVAL_MS);

    expect(probe.calls).toEqual([START]);
  });
});

describe('PollScheduler failures that polling cannot fix', () => {
  it.each([403, 404, 410])('skips a query that failed with %i', async (status) => {
    const polling = startScheduler();
    const healthy = await watch('healthy');
    const failing = await watch('failing');
    failing.fail(graphFailure(status));
    await queryClient.refetchQueries({ queryKey: failing.queryKey });
    const callsAfterFailure = failing.calls.length;

    await advanceTo(30_000 + 3 * INTERVAL_MS);
    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);

    expect(failing.calls).toHaveLength(callsAfterFailure);
    expect(healthy.calls).toHaveLength(1 + 4 + 1);
  });

  it('skips a query whose token needs admin consent', async () => {
    startScheduler();
    const probe = await watch('profile');
    probe.fail(new TokenError('consentRequired', 'invalid_grant (consent_required)', ['EduAdministration.Read']));
    await queryClient.refetchQueries({ queryKey: probe.queryKey });

    await advanceTo(30_000 + 2 * INTERVAL_MS);

    expect(probe.calls).toHaveLength(2);
  });

  it('retries a token request that failed for another reason', async () => {
    startScheduler();
    const probe = await watch('profile');
    probe.fail(new TokenError('failed', 'network_error', ['EduAdministration.Read']));
    await queryClient.refetchQueries({ queryKey: probe.queryKey });

    await advanceTo(30_000 + 2 * INTERVAL_MS);

    expect(probe.calls).toHaveLength(2 + 3);
  });

  it('polls a fatal query again after a manual retry succeeds', async () => {
    startScheduler();
    const probe = await watch('profile');
    probe.fail(graphFailure(403));
    await queryClient.refetchQueries({ queryKey: probe.queryKey });
    await advanceTo(30_000 + INTERVAL_MS);
    expect(probe.calls).toHaveLength(2);

    probe.succeed();
    await queryClient.refetchQueries({ queryKey: probe.queryKey });
    expect(probe.calls).toHaveLength(3);
    await advanceTo(30_000 + 2 * INTERVAL_MS);

    expect(probe.calls).toHaveLength(4);
  });

  it.each([
    ['a server error', graphFailure(500)],
    ['a 401', graphFailure(401)],
    ['a network failure', networkFailure()],
  ])('retries %s in the next round without a hold', async (_label, error) => {
    const polling = startScheduler();
    const probe = await watch('profile');
    probe.fail(error);
    await advanceTo(30_000);

    expect(polling.holdFor(probe.hash)).toBeUndefined();
    await advanceTo(30_000 + INTERVAL_MS);
    expect(probe.calls).toEqual([START, START + 30_000, START + 30_000 + INTERVAL_MS]);
  });
});

describe('PollScheduler throttling', () => {
  it('holds throttled queries until the longest Retry-After', async () => {
    const polling = startScheduler();
    const short = await watch('short');
    const long = await watch('long');
    const healthy = await watch('healthy');
    short.fail(graphFailure(429, 2_000));
    long.fail(graphFailure(503, 5_000));

    await advanceTo(30_000);
    const retryAt = START + 30_000 + 5_000;
    expect(polling.holdFor(short.hash)).toEqual({ at: retryAt, reason: 'throttled' });
    expect(polling.holdFor(long.hash)).toEqual({ at: retryAt, reason: 'throttled' });
    expect(polling.holdFor(healthy.hash)).toBeUndefined();

    short.succeed();
    long.succeed();
    const refetch = vi.spyOn(queryClient, 'refetchQueries');
    await advanceTo(34_999);
    expect(short.calls).toHaveLength(2);
    expect(long.calls).toHaveLength(2);

    await advanceTo(35_000);
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(short.calls.at(-1)).toBe(retryAt);
    expect(long.calls.at(-1)).toBe(retryAt);
    expect(healthy.calls).toHaveLength(2);
    expect(polling.holdFor(short.hash)).toBeUndefined();
    expect(polling.holdFor(long.hash)).toBeUndefined();
  });

  it('waits at least 1 s for a decimal Retry-After', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    probe.fail(graphFailure(429, 249));

    await advanceTo(30_000);

    expect(polling.holdFor(probe.hash)?.at).toBe(START + 30_000 + RETRY_MIN_DELAY_MS);
    probe.succeed();
    await advanceTo(30_000 + RETRY_MIN_DELAY_MS - 1);
    expect(probe.calls).toHaveLength(2);
    await advanceTo(30_000 + RETRY_MIN_DELAY_MS);
    expect(probe.calls).toHaveLength(3);
  });

  it('skips a held query in rounds until its Retry-After', async () => {
    const polling = startScheduler();
    const held = await watch('held');
    const healthy = await watch('healthy');
    held.fail(graphFailure(429, 90_000));

    await advanceTo(30_000);
    held.succeed();
    await advanceTo(30_000 + INTERVAL_MS);
    expect(held.calls).toEqual([START, START + 30_000]);
    expect(healthy.calls).toHaveLength(3);

    await advanceTo(30_000 + 90_000);
    expect(held.calls).toEqual([START, START + 30_000, START + 120_000]);
    expect(polling.holdFor(held.hash)).toBeUndefined();
    await advanceTo(30_000 + 2 * INTERVAL_MS);
    expect(held.calls).toHaveLength(4);
  });

  it('doubles the backoff ceiling up to 5 min', async () => {
    const polling = startScheduler(() => 0.75);
    const probe = await watch('profile');
    probe.fail(graphFailure(429, null));
    await advanceTo(52_500);

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 11; attempt += 1) {
      const hold = polling.holdFor(probe.hash);
      expect(hold?.reason).toBe('backoff');
      const delay = (hold?.at ?? 0) - Date.now();
      delays.push(delay);
      const calls = probe.calls.length;
      await vi.advanceTimersByTimeAsync(delay);
      expect(probe.calls).toHaveLength(calls + 1);
    }

    // Full jitter takes 0.75 of a ceiling that doubles from 1 s up to 5 min, with 1 s as the floor.
    expect(delays).toEqual([1_000, 1_500, 3_000, 6_000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000]);
  });

  it('spreads backoff of queries failing together', async () => {
    // The first value places the first round. Each failure then draws one value per query.
    const randomValues = [0, 0.5, 0.5, 0.6, 0.9];
    const polling = startScheduler(() => randomValues.shift() ?? 0.5);
    const first = await watch('first');
    const second = await watch('second');
    first.fail(graphFailure(429, null));
    second.fail(graphFailure(429, null));
    await advanceTo(30_000);
    await advanceTo(30_000 + RETRY_MIN_DELAY_MS);

    const firstHold = polling.holdFor(first.hash);
    const secondHold = polling.holdFor(second.hash);
    expect(firstHold?.at).not.toBe(secondHold?.at);
    for (const hold of [firstHold, secondHold]) {
      expect(hold?.at).toBeGreaterThanOrEqual(Date.now() + RETRY_MIN_DELAY_MS);
      expect(hold?.at).toBeLessThanOrEqual(Date.now() + 2 * RETRY_MIN_DELAY_MS);
    }
  });

  it('keeps every backoff within 1 s and 5 min', async () => {
    for (const random of [0, 0.5, 0.9375]) {
      const polling = startScheduler(() => random);
      const probe = await watch(`profile-${random}`);
      probe.fail(graphFailure(503, null));
      polling.pollNow();
      await vi.advanceTimersByTimeAsync(0);

      for (let attempt = 1; attempt <= 14; attempt += 1) {
        const delay = (polling.holdFor(probe.hash)?.at ?? Number.NaN) - Date.now();
        expect(delay).toBeGreaterThanOrEqual(RETRY_MIN_DELAY_MS);
        expect(delay).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS);
        await vi.advanceTimersByTimeAsync(delay);
      }
      polling.stop();
    }
  });

  it('clears the hold after a manual retry', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    probe.fail(graphFailure(429, 20_000));
    await advanceTo(30_000);
    expect(polling.holdFor(probe.hash)?.at).toBe(START + 50_000);

    probe.succeed();
    await queryClient.refetchQueries({ queryKey: probe.queryKey });
    expect(polling.holdFor(probe.hash)).toBeUndefined();
    await advanceTo(50_000);

    expect(probe.calls).toEqual([START, START + 30_000, START + 30_000]);
  });

  it('starts the backoff over after a success', async () => {
    const polling = startScheduler(() => 0.75);
    const probe = await watch('profile');
    probe.fail(graphFailure(429, null));
    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await vi.advanceTimersByTimeAsync((polling.holdFor(probe.hash)?.at ?? 0) - Date.now());
    }
    expect((polling.holdFor(probe.hash)?.at ?? 0) - Date.now()).toBe(6_000);

    probe.succeed();
    await vi.advanceTimersByTimeAsync((polling.holdFor(probe.hash)?.at ?? 0) - Date.now());
    expect(polling.holdFor(probe.hash)).toBeUndefined();
    probe.fail(graphFailure(429, null));
    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);

    expect((polling.holdFor(probe.hash)?.at ?? 0) - Date.now()).toBe(RETRY_MIN_DELAY_MS);
  });

  it('pollNow retries held queries at once', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    probe.fail(graphFailure(429, 120_000));
    await advanceTo(30_000);
    probe.succeed();

    await advanceTo(40_000);
    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);

    expect(probe.calls).toEqual([START, START + 30_000, START + 40_000]);
    expect(polling.holdFor(probe.hash)).toBeUndefined();
  });
});

describe('PollScheduler pausing and visibility', () => {
  it('pauses rounds and polls on resume', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');

    polling.setPaused(true);
    await advanceTo(30_000 + 3 * INTERVAL_MS);
    expect(probe.calls).toEqual([START]);

    polling.setPaused(false);
    await vi.advanceTimersByTimeAsync(0);
    const resumedAt = START + 30_000 + 3 * INTERVAL_MS;
    expect(probe.calls).toEqual([START, resumedAt]);
    expect(polling.lastRound()).toBe(resumedAt);

    await advanceTo(30_000 + 4 * INTERVAL_MS);
    expect(probe.calls).toEqual([START, resumedAt, resumedAt + INTERVAL_MS]);
  });

  it('does not retry a held query while paused', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    probe.fail(graphFailure(429, 5_000));
    await advanceTo(30_000);
    probe.succeed();

    polling.setPaused(true);
    await advanceTo(40_000);
    expect(probe.calls).toHaveLength(2);

    polling.setPaused(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(probe.calls).toEqual([START, START + 30_000, START + 40_000]);
  });

  it('polls a minAgeMs query once old enough', async () => {
    const minAgeMs = 30 * 60_000;
    const polling = startScheduler();
    const list = await watch('list', { meta: { ...POLLED, minAgeMs } });
    const status = await watch('status');

    await advanceTo(35 * 60_000);

    // Rounds fall at 30 s + k minutes, so the first one 30 min after the load is at 30.5 min.
    expect(list.calls).toEqual([START, START + 30_000 + 30 * INTERVAL_MS]);
    expect(status.calls).toHaveLength(1 + 35);
    polling.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(list.calls).toHaveLength(3);
  });

  it('polls an overdue round when the page becomes visible', async () => {
    const polling = startScheduler();
    const probe = await watch('profile');
    setVisibility('hidden');

    // A hidden or sleeping page's timers may not fire: only the clock moves.
    vi.setSystemTime(START + 10 * INTERVAL_MS);
    expect(probe.calls).toEqual([START]);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);

    expect(probe.calls).toEqual([START, START + 10 * INTERVAL_MS]);
    expect(polling.lastRound()).toBe(START + 10 * INTERVAL_MS);
  });

  it('ignores becoming visible before the round is due', async () => {
    startScheduler();
    const probe = await watch('profile');
    await advanceTo(10_000);

    setVisibility('hidden');
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);

    expect(probe.calls).toEqual([START]);
  });

  it('ignores an overdue round while the page stays hidden', async () => {
    startScheduler();
    const probe = await watch('profile');

    vi.setSystemTime(START + 5 * INTERVAL_MS);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(0);

    expect(probe.calls).toEqual([START]);
  });
});
