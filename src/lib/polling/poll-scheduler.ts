import type { Query, QueryClient } from '@tanstack/react-query';

import { TokenError } from '@/lib/auth/auth-errors';
import { GraphError } from '@/lib/graph/graph-error';
import { retryDelayMs } from '@/lib/graph/retry-policy';

/**
 * Marks a query as polled by the scheduler: `meta: POLLED`. A query whose meta also has
 * `minAgeMs` joins a round only once its data is at least that old (and on manual refresh).
 */
export const POLLED = { poll: true } as const;

export interface PollSchedulerSettings {
  queryClient: QueryClient;
  intervalMs: number;
  /** Source of the schedule's random offset and of backoff jitter; `Math.random` by default. */
  random?: () => number;
}

/** When a held query is tried again, and why it waits. */
export interface RetryHold {
  /** Epoch ms. */
  at: number;
  reason: 'throttled' | 'backoff';
}

type Listener = () => void;

/**
 * Drives every polled query from one timer, so that all requests of a round fall due in
 * the same moment and the Graph client can send them as `$batch` calls. The schedule as a
 * whole starts at a random offset, so dashboards that start together do not poll Graph in
 * the same second.
 *
 * A round skips queries that polling cannot help (403, 404, 410, missing admin consent:
 * the admin retries by hand) and queries that Graph throttled. Throttled queries wait until
 * the longest `Retry-After` of their round and are then retried together. Browsers cannot read
 * `Retry-After` on a top-level response, so there they back off exponentially with full
 * jitter. Every other failure is retried by the next round. Timers in hidden pages
 * are throttled by the browser, so a page that becomes visible, or a round that fires late
 * (the machine slept), polls everything overdue at once.
 */
export class PollScheduler {
  private readonly queryClient: QueryClient;
  private readonly intervalMs: number;
  private readonly random: () => number;
  private roundTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private nextRoundAt = 0;
  private lastRoundAt = 0;
  private paused = false;
  private started = false;
  private readonly holds = new Map<string, RetryHold>();
  /** Throttled failures in a row per query hash, which set the backoff attempt. */
  private readonly throttledAttempts = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private version = 0;
  private unsubscribeCache: (() => void) | undefined;

  constructor(settings: PollSchedulerSettings) {
    this.queryClient = settings.queryClient;
    this.intervalMs = settings.intervalMs;
    this.random = settings.random ?? Math.random;
  }

  /**
   * Starts the schedule. The first round comes after a random half to whole interval, so
   * a change is still seen within one interval, and every round after it one interval later.
   */
  start(): void {
    if (this.started) {
      return;
    }
    this.started = true;
    this.lastRoundAt = Date.now();
    this.unsubscribeCache = this.queryClient.getQueryCache().subscribe((event) => {
      const settled = event.type === 'updated' && (event.action.type === 'success' || event.action.type === 'error');
      if (settled && isPolled(event.query)) {
        this.onQuerySettled(event.query);
      }
    });
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    this.scheduleRound(Math.floor(this.intervalMs * (0.5 + 0.5 * this.random())));
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.roundTimer);
    clearTimeout(this.retryTimer);
    this.unsubscribeCache?.();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** Polls everything due now and restarts the interval from this moment ("Refresh now"). */
  pollNow(): void {
    this.runRound({ includeHeld: true });
  }

  /** Stops rounds while offline or while the admin must sign in again; resuming polls at once. */
  setPaused(paused: boolean): void {
    if (this.paused === paused) {
      return;
    }
    this.paused = paused;
    if (!paused && this.started) {
      this.runRound({ includeHeld: false });
    }
  }

  /** Returns the pending retry of a query, if Graph throttled it. */
  holdFor(queryHash: string): RetryHold | undefined {
    return this.holds.get(queryHash);
  }

  /** Epoch ms of the start of the last round, for "updated N s ago". */
  lastRound(): number {
    return this.lastRoundAt;
  }

  /** Returns a counter that changes with every retry hold and round, for `useSyncExternalStore`. */
  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'visible' && Date.now() >= this.nextRoundAt) {
      this.runRound({ includeHeld: false });
    }
  };

  private scheduleRound(delayMs: number): void {
    clearTimeout(this.roundTimer);
    this.nextRoundAt = Date.now() + delayMs;
    this.roundTimer = setTimeout(() => this.runRound({ includeHeld: false }), delayMs);
  }

  private runRound({ includeHeld }: { includeHeld: boolean }): void {
    if (!this.started) {
      return;
    }
    this.scheduleRound(this.intervalMs);
    if (this.paused) {
      return;
    }

    const now = Date.now();
    this.lastRoundAt = now;
    if (includeHeld) {
      this.clearHolds();
    }
    void this.queryClient.refetchQueries({
      type: 'active',
      predicate: (query) =>
        isPolled(query) && !isFatal(query.state.error) && !this.isHeld(query, now) && (includeHeld || isOldEnough(query, now)),
    });
    this.notify();
  }

  private isHeld(query: Query, now: number): boolean {
    const hold = this.holds.get(query.queryHash);
    return hold !== undefined && hold.at > now;
  }

  private onQuerySettled(query: Query): void {
    const { status, error } = query.state;
    if (status === 'success' || !isThrottled(error)) {
      this.throttledAttempts.delete(query.queryHash);
      if (this.holds.delete(query.queryHash)) {
        this.notify();
      }
      return;
    }

    // TanStack Query resets fetchFailureCount at every fetch, and with retries off it is
    // always 1, so the scheduler counts the failures in a row itself.
    const attempt = (this.throttledAttempts.get(query.queryHash) ?? 0) + 1;
    this.throttledAttempts.set(query.queryHash, attempt);
    const graphError = error as GraphError;
    const now = Date.now();
    if (graphError.retryAfterMs !== null) {
      this.holdThrottled(query, now + retryDelayMs({ attempt: 1, retryAfterMs: graphError.retryAfterMs }));
    } else {
      this.holds.set(query.queryHash, { at: now + retryDelayMs({ attempt, retryAfterMs: null, random: this.random }), reason: 'backoff' });
      this.scheduleRetry();
    }
  }

  /** Holds a throttled query until the latest `Retry-After` seen so far, so all retry together. */
  private holdThrottled(query: Query, at: number): void {
    const pending = [...this.holds.values()].filter((hold) => hold.reason === 'throttled' && hold.at > Date.now());
    const retryAt = Math.max(at, ...pending.map((hold) => hold.at));
    for (const [hash, hold] of this.holds) {
      if (hold.reason === 'throttled') {
        this.holds.set(hash, { at: retryAt, reason: 'throttled' });
      }
    }
    this.holds.set(query.queryHash, { at: retryAt, reason: 'throttled' });
    this.scheduleRetry();
  }

  /** Sets one timer for the earliest hold; when it fires, every query due by then is retried together. */
  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const earliest = Math.min(...[...this.holds.values()].map((hold) => hold.at));
    if (!Number.isFinite(earliest)) {
      return;
    }
    this.notify();
    this.retryTimer = setTimeout(() => this.retryHeld(), Math.max(0, earliest - Date.now()));
  }

  private retryHeld(): void {
    const now = Date.now();
    const due = new Set([...this.holds].filter(([, hold]) => hold.at <= now).map(([hash]) => hash));
    for (const hash of due) {
      this.holds.delete(hash);
    }
    if (due.size > 0 && !this.paused) {
      void this.queryClient.refetchQueries({ type: 'active', predicate: (query) => due.has(query.queryHash) });
    }
    this.scheduleRetry();
  }

  private clearHolds(): void {
    this.holds.clear();
    clearTimeout(this.retryTimer);
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) {
      listener();
    }
  }
}

function isPolled(query: Query): boolean {
  return query.meta?.poll === true;
}

function isOldEnough(query: Query, now: number): boolean {
  const minAgeMs = query.meta?.minAgeMs;
  return typeof minAgeMs !== 'number' || now - query.state.dataUpdatedAt >= minAgeMs;
}

/** Failures that only the admin can fix: no permission, item gone, or no admin consent for the scopes. */
function isFatal(error: unknown): boolean {
  if (error instanceof TokenError) {
    return error.kind === 'consentRequired';
  }
  return error instanceof GraphError && error.isFatal;
}

function isThrottled(error: unknown): boolean {
  return error instanceof GraphError && (error.status === 429 || error.status === 503);
}
