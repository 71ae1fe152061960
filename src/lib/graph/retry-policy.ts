import { GraphError } from './graph-error';

// Microsoft Graph's throttling guidance (learn.microsoft.com/graph/throttling): after a 429
// or 503, wait the seconds in `Retry-After` when the response has it, and back off
// exponentially when it does not. Graph names no numbers for the backoff, so the base,
// floor and cap below are this app's choice for a dashboard that polls every few minutes.

/** First backoff step, doubled on each further attempt, in ms. */
export const RETRY_BASE_DELAY_MS = 1000;

/** Shortest delay before any retry, in ms; a `Retry-After` of `0.249` still waits this long. */
export const RETRY_MIN_DELAY_MS = 1000;

/** Maximum backoff delay without `Retry-After`, in ms. A longer `Retry-After` still wins. */
export const RETRY_MAX_DELAY_MS = 5 * 60 * 1000;

export interface RetryDelayInput {
  /** 1 for the first retry, 2 for the second, and so on. */
  attempt: number;
  /** Graph's `Retry-After` in ms, or null when the response had none or the browser could not read it. */
  retryAfterMs: number | null;
  /** Source of jitter in [0, 1); `Math.random` unless a test passes its own. */
  random?: () => number;
}

/**
 * Computes the wait before a retry, in ms. A known `Retry-After` is honoured exactly
 * (at least 1 s). Without it, the delay is exponential backoff with full jitter, so cards
 * that failed together do not retry at the same instant, clamped to [1 s, 5 min].
 */
export function retryDelayMs(input: RetryDelayInput): number {
  const { attempt, retryAfterMs, random = Math.random } = input;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`Invalid retry attempt ${attempt}; pass 1 for the first retry.`);
  }
  if (retryAfterMs !== null && !(Number.isFinite(retryAfterMs) && retryAfterMs >= 0)) {
    throw new RangeError(`Invalid retryAfterMs ${retryAfterMs}; pass a non-negative number of ms, or null.`);
  }

  if (retryAfterMs !== null) {
    return Math.max(retryAfterMs, RETRY_MIN_DELAY_MS);
  }

  // 2 ** (attempt - 1) becomes Infinity for huge attempts, which Math.min turns into the cap.
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
  const jittered = random() * ceiling;
  return Math.min(RETRY_MAX_DELAY_MS, Math.max(RETRY_MIN_DELAY_MS, jittered));
}

/**
 * Tells whether a failed request may succeed when sent again. Throttling, server errors,
 * lost or slow responses and malformed bodies may. Other 4xx statuses (401, 403, 404, 410…)
 * and errors that are not a `GraphError`, such as token errors and aborts, will not.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof GraphError)) {
    return false;
  }
  if (error.kind !== 'http') {
    return true;
  }
  return error.status === 429 || (error.status !== null && error.status >= 500 && error.status <= 599);
}

/**
 * Computes the one time, in ms since the epoch like `now`, at which the requests throttled
 * (429 or 503) in one round are retried together. Graph advises waiting for the maximum
 * `Retry-After` among them, and the result is at least 1 s after `now`. Returns null when
 * none of `errors` is a 429 or 503.
 */
export function throttledRetryAt(errors: GraphError[], now: number): number | null {
  const throttled = errors.filter((error) => error.status === 429 || error.status === 503);
  if (throttled.length === 0) {
    return null;
  }

  // NOTE: an item without a readable Retry-After waits only the 1 s floor here; callers that
  // track attempts may prefer retryDelayMs for such items.
  const waits = throttled.map((error) => retryDelayMs({ attempt: 1, retryAfterMs: error.retryAfterMs ?? RETRY_MIN_DELAY_MS }));
  return now + Math.max(...waits);
}
