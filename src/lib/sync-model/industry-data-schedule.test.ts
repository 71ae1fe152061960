import { describe, expect, it } from 'vitest';
import { expectedNextRun, inferSchedulePhase, isOverdue } from './industry-data-schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Start times newest first, as the adapter passes them. */
function starts(...isoTimes: string[]): Date[] {
  return isoTimes.map((text) => new Date(text)).sort((a, b) => b.getTime() - a.getTime());
}

const TWICE_DAILY = [
  '2025-09-15T02:10:40Z',
  '2025-09-15T14:10:42Z',
  '2025-09-16T02:10:36Z',
  '2025-09-16T14:10:41Z',
  '2025-09-17T02:10:39Z',
];

describe('inferSchedulePhase', () => {
  it('returns undefined without runs', () => {
    expect(inferSchedulePhase([])).toBeUndefined();
  });

  it('uses the median start of the scheduled runs', () => {
    expect(inferSchedulePhase(starts(...TWICE_DAILY))).toBe(2 * HOUR + 10 * MINUTE + 40_000);
  });

  it('ignores an on-demand run off the phase', () => {
    const phase = inferSchedulePhase(starts(...TWICE_DAILY, '2025-09-17T09:32:05Z'));

    expect(phase).toBe(2 * HOUR + 10 * MINUTE + 40_000);
  });

  it('handles a phase next to the 12-hour boundary', () => {
    const phase = inferSchedulePhase(starts('2025-09-15T23:59:00Z', '2025-09-16T12:01:00Z', '2025-09-16T23:59:30Z'));

    expect(phase).toBe(12 * HOUR - 30_000);
  });

  it('prefers the newest run on a tie', () => {
    const phase = inferSchedulePhase(starts('2025-09-15T02:00:00Z', '2025-09-15T07:00:00Z'));

    expect(phase).toBe(7 * HOUR);
  });
});

describe('expectedNextRun', () => {
  it('returns null without runs', () => {
    expect(expectedNextRun([])).toBeNull();
  });

  it('expects a run 12 hours after a scheduled one', () => {
    const next = expectedNextRun(starts(...TWICE_DAILY));

    expect(next?.toISOString()).toBe('2025-09-17T14:10:40.000Z');
  });

  it('skips the scheduled run within 10 hours of an on-demand run', () => {
    const next = expectedNextRun(starts(...TWICE_DAILY, '2025-09-17T09:32:05Z'));

    expect(next?.toISOString()).toBe('2025-09-18T02:10:40.000Z');
  });

  it('keeps the scheduled run more than 10 hours after an on-demand run', () => {
    const next = expectedNextRun(starts(...TWICE_DAILY, '2025-09-17T03:30:00Z'));

    expect(next?.toISOString()).toBe('2025-09-17T14:10:40.000Z');
  });

  it('skips a scheduled run exactly 10 hours away', () => {
    const next = expectedNextRun(starts(...TWICE_DAILY, '2025-09-17T04:10:40Z'));

    expect(next?.toISOString()).toBe('2025-09-18T02:10:40.000Z');
  });

  it('counts a late start within the tolerance as scheduled', () => {
    const next = expectedNextRun(starts(...TWICE_DAILY, '2025-09-17T14:25:00Z'));
    const slot = new Date('2025-09-18T02:10:40Z').getTime();

    // The late start joins the phase estimate, which moves it by a fraction of a second.
    expect(Math.abs((next?.getTime() ?? 0) - slot)).toBeLessThan(1000);
  });

  it('treats a single run as scheduled', () => {
    expect(expectedNextRun(starts('2025-09-17T09:32:05Z'))?.toISOString()).toBe('2025-09-17T21:32:05.000Z');
  });
});

describe('isOverdue', () => {
  const expected = new Date('2025-09-17T14:10:00Z');

  it('is false without an expected run', () => {
    expect(isOverdue(null, new Date('2030-01-01T00:00:00Z'), 60)).toBe(false);
  });

  it('waits for the grace period', () => {
    expect(isOverdue(expected, new Date(expected.getTime() + 59 * MINUTE), 60)).toBe(false);
    expect(isOverdue(expected, new Date(expected.getTime() + 60 * MINUTE), 60)).toBe(true);
  });

  it('is overdue at the expected time without grace', () => {
    expect(isOverdue(expected, expected, 0)).toBe(true);
    expect(isOverdue(expected, new Date(expected.getTime() - 1), 0)).toBe(false);
  });
});
