import { describe, expect, it } from 'vitest';

import { GraphError, type GraphFailureKind } from './graph-error';
import { isRetryable, retryDelayMs, RETRY_MAX_DELAY_MS, RETRY_MIN_DELAY_MS, throttledRetryAt } from './retry-policy';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const NOW = Date.UTC(2025, 8, 18, 14, 30);

function graphError(kind: GraphFailureKind, status: number | null, retryAfterMs: number | null = null): GraphError {
  return new GraphError({
    kind,
    status,
    code: null,
    graphMessage: null,
    requestId: null,
    clientRequestId: 'client-request',
    retryAfterMs,
    path: '/beta/education/synchronizationProfiles',
  });
}

const fixed = (value: number) => () => value;

describe('retryDelayMs with Retry-After', () => {
  it.each([
    [10 * SECOND, 10 * SECOND],
    [2128, 2128],
    [249, SECOND],
    [0, SECOND],
    [10 * MINUTE, 10 * MINUTE],
  ])('waits at least Retry-After %i ms (%i ms)', (retryAfterMs, expected) => {
    expect(retryDelayMs({ attempt: 1, retryAfterMs, random: fixed(0) })).toBe(expected);
  });

  it('never goes below Retry-After', () => {
    for (const attempt of [1, 2, 5, 20]) {
      for (const random of [0, 0.5, 0.999_999]) {
        const delay = retryDelayMs({ attempt, retryAfterMs: 7 * SECOND, random: fixed(random) });
        expect(delay).toBeGreaterThanOrEqual(7 * SECOND);
      }
    }
  });

  it('ignores jitter when Retry-After is known', () => {
    const low = retryDelayMs({ attempt: 3, retryAfterMs: 4 * SECOND, random: fixed(0) });
    const high = retryDelayMs({ attempt: 3, retryAfterMs: 4 * SECOND, random: fixed(0.999) });

    expect(low).toBe(high);
  });
});

describe('retryDelayMs backoff', () => {
  it.each([
    [1, SECOND],
    [2, SECOND],
    [3, 2 * SECOND],
    [4, 4 * SECOND],
    [5, 8 * SECOND],
    [8, 64 * SECOND],
    [9, 128 * SECOND],
    [10, 150 * SECOND],
    [40, 150 * SECOND],
  ])('attempt %i with half jitter waits %i ms', (attempt, expected) => {
    expect(retryDelayMs({ attempt, retryAfterMs: null, random: fixed(0.5) })).toBe(expected);
  });

  it('doubles the ceiling per attempt', () => {
    const nearlyOne = fixed(1 - Number.EPSILON);
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs({ attempt, retryAfterMs: null, random: nearlyOne }));

    delays.slice(1).forEach((delay, index) => {
      expect(delay / delays[index]!).toBeCloseTo(2, 10);
    });
  });

  it('floors zero jitter at one second', () => {
    for (const attempt of [1, 4, 12]) {
      expect(retryDelayMs({ attempt, retryAfterMs: null, random: fixed(0) })).toBe(RETRY_MIN_DELAY_MS);
    }
  });

  it('caps the delay at five minutes', () => {
    for (const attempt of [10, 11, 50, 1100]) {
      const delay = retryDelayMs({ attempt, retryAfterMs: null, random: fixed(1 - Number.EPSILON) });
      expect(delay).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS);
      expect(delay).toBeGreaterThan(RETRY_MAX_DELAY_MS - 1);
    }
  });

  it('keeps random jitter within range', () => {
    for (const attempt of [1, 3, 6, 9, 12]) {
      const ceiling = Math.min(RETRY_MAX_DELAY_MS, SECOND * 2 ** (attempt - 1));
      for (let sample = 0; sample < 200; sample += 1) {
        const delay = retryDelayMs({ attempt, retryAfterMs: null });
        expect(delay).toBeGreaterThanOrEqual(RETRY_MIN_DELAY_MS);
        expect(delay).toBeLessThanOrEqual(Math.max(ceiling, RETRY_MIN_DELAY_MS));
      }
    }
  });

  it.each([
    [0, null],
    [-1, null],
    [1.5, null],
    [Number.NaN, null],
    [1, -5],
    [1, Number.NaN],
    [1, Number.POSITIVE_INFINITY],
  ])('rejects attempt %s with Retry-After %s', (attempt, retryAfterMs) => {
    expect(() => retryDelayMs({ attempt, retryAfterMs })).toThrow(RangeError);
  });
});

describe('isRetryable', () => {
  it.each([
    ['http', 429, true],
    ['http', 500, true],
    ['http', 502, true],
    ['http', 503, true],
    ['http', 504, true],
    ['network', null, true],
    ['timeout', null, true],
    ['malformed', 200, true],
    ['http', 400, false],
    ['http', 401, false],
    ['http', 403, false],
    ['http', 404, false],
    ['http', 409, false],
    ['http', 410, false],
    ['http', 424, false],
  ] as const)('treats %s %s as retryable %s', (kind, status, expected) => {
    expect(isRetryable(graphError(kind, status))).toBe(expected);
  });

  it.each([
    ['a plain Error', new Error('Token request failed (sessionExpired).')],
    ['an abort', new DOMException('Query cancelled.', 'AbortError')],
    ['a string', 'failed'],
    ['undefined', undefined],
  ])('treats %s as not retryable', (_, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});

describe('throttledRetryAt', () => {
  it('picks the maximum Retry-After', () => {
    const errors = [graphError('http', 429, 2 * SECOND), graphError('http', 429, 10 * SECOND), graphError('http', 503, 249)];

    expect(throttledRetryAt(errors, NOW)).toBe(NOW + 10 * SECOND);
  });

  it('waits at least one second', () => {
    expect(throttledRetryAt([graphError('http', 429, 249)], NOW)).toBe(NOW + SECOND);
    expect(throttledRetryAt([graphError('http', 429, null)], NOW)).toBe(NOW + SECOND);
  });

  it('ignores errors that are not throttling', () => {
    const errors = [graphError('http', 404, 60 * SECOND), graphError('http', 429, 3 * SECOND), graphError('timeout', null, 90 * SECOND)];

    expect(throttledRetryAt(errors, NOW)).toBe(NOW + 3 * SECOND);
  });

  it('returns null without throttled errors', () => {
    expect(throttledRetryAt([], NOW)).toBeNull();
    expect(throttledRetryAt([graphError('http', 404), graphError('network', null)], NOW)).toBeNull();
  });
});
