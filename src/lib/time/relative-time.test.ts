import { afterEach, describe, expect, it } from 'vitest';
import {
  formatAbsoluteDate,
  formatAbsoluteDateTime,
  formatNumber,
  formatRelativeTime,
  formatTimeUntil,
  setDisplayLocale,
} from './relative-time';

const NOW = new Date('2025-09-18T14:30:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function ago(milliseconds: number): Date {
  return new Date(NOW.getTime() - milliseconds);
}

function ahead(milliseconds: number): Date {
  return new Date(NOW.getTime() + milliseconds);
}

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [44 * SECOND, 'just now'],
    [44 * SECOND + 999, 'just now'],
    [45 * SECOND, '1 minute ago'],
    [59 * SECOND, '1 minute ago'],
    [2 * MINUTE, '2 minutes ago'],
    [5 * MINUTE + 20 * SECOND, '5 minutes ago'],
    [59 * MINUTE + 59 * SECOND, '59 minutes ago'],
    [HOUR, '1 hour ago'],
    [2 * HOUR - 1, '1 hour ago'],
    [13 * HOUR, '13 hours ago'],
    [DAY - 1, '23 hours ago'],
    [DAY, '1 day ago'],
    [29 * DAY, '29 days ago'],
    [30 * DAY, '1 month ago'],
    [61 * DAY, '2 months ago'],
    [364 * DAY, '11 months ago'],
    [365 * DAY, '1 year ago'],
    [3 * 365 * DAY, '2 years ago'],
    [3 * 366 * DAY, '3 years ago'],
  ])('formats %i ms ago as %s', (elapsed, expected) => {
    expect(formatRelativeTime(ago(elapsed), NOW)).toBe(expected);
  });

  it.each([1, 2 * MINUTE, 3 * HOUR, 40 * DAY])('clamps a future time %i ms ahead to just now', (skew) => {
    expect(formatRelativeTime(ahead(skew), NOW)).toBe('just now');
  });
});

describe('formatTimeUntil', () => {
  it.each([
    [1, 'in 1 minute'],
    [30 * SECOND, 'in 1 minute'],
    [5 * MINUTE, 'in 5 minutes'],
    [5 * MINUTE + 59 * SECOND, 'in 5 minutes'],
    [HOUR, 'in 1 hour'],
    [3 * HOUR + 10 * MINUTE, 'in 3 hours'],
    [2 * DAY, 'in 2 days'],
    [45 * DAY, 'in 1 month'],
    [400 * DAY, 'in 1 year'],
  ])('formats %i ms ahead as %s', (remaining, expected) => {
    expect(formatTimeUntil(ahead(remaining), NOW)).toBe(expected);
  });

  it.each([0, 1, 5 * MINUTE, 2 * DAY])('reads now once %i ms overdue', (late) => {
    expect(formatTimeUntil(ago(late), NOW)).toBe('now');
  });
});

describe('formatAbsoluteDateTime', () => {
  it('formats in the given locale and time zone', () => {
    const text = formatAbsoluteDateTime(new Date('2024-05-14T06:12:48Z'), 'en-US', 'UTC');

    expect(text).toMatch(/^May 14, 2024, 6:12:48\sAM UTC$/);
  });

  it('applies the time zone to the clock time', () => {
    const text = formatAbsoluteDateTime(new Date('2024-05-14T06:12:48Z'), 'de-DE', 'Europe/Berlin');

    expect(text).toBe('14.05.2024, 08:12:48 MESZ');
  });

  it('uses the default locale and time zone when none is given', () => {
    const date = new Date('2024-05-14T06:12:48Z');
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' }).format(date);

    expect(formatAbsoluteDateTime(date)).toBe(expected);
  });
});

describe('setDisplayLocale', () => {
  afterEach(() => setDisplayLocale(undefined));

  it('changes the locale of later formatting', () => {
    setDisplayLocale('de-DE');

    expect(formatAbsoluteDate(new Date('2024-12-31T00:00:00Z'))).toBe('31.12.2024');
    expect(formatNumber(18240)).toBe('18.240');
  });
});

describe('formatAbsoluteDate', () => {
  it('shows a UTC-midnight date on its own day', () => {
    expect(formatAbsoluteDate(new Date('2024-12-31T00:00:00Z'), 'en-US')).toBe('Dec 31, 2024');
  });

  it('formats in the given locale', () => {
    expect(formatAbsoluteDate(new Date('2024-12-31T00:00:00Z'), 'de-DE')).toBe('31.12.2024');
  });
});

describe('formatNumber', () => {
  it('groups digits by locale', () => {
    expect(formatNumber(18240, 'en-US')).toBe('18,240');
    expect(formatNumber(18240, 'de-DE')).toBe('18.240');
  });

  it('keeps small numbers as they are', () => {
    expect(formatNumber(0, 'en-US')).toBe('0');
    expect(formatNumber(37, 'en-US')).toBe('37');
  });
});
