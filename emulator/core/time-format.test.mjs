import { describe, expect, it } from 'vitest';
import { formatEdmDate, formatGraphDateTime, formatIdentityTimestamp, formatInnerErrorDate, formatSecondsDateTime } from './time-format.mjs';

const SAMPLE_MS = Date.parse('2024-05-14T06:12:48.339Z');

describe('time formats', () => {
  it('writes 7 fractional digits that keep the milliseconds', () => {
    const text = formatGraphDateTime(SAMPLE_MS);
    expect(text).toMatch(/^2024-05-14T06:12:48\.339\d{4}Z$/);
    expect(formatGraphDateTime(SAMPLE_MS)).toBe(text);
  });

  it('writes the other Graph and Entra formats', () => {
    expect(formatSecondsDateTime(SAMPLE_MS)).toBe('2024-05-14T06:12:48Z');
    expect(formatInnerErrorDate(SAMPLE_MS)).toBe('2024-05-14T06:12:48');
    expect(formatEdmDate(SAMPLE_MS)).toBe('2024-05-14');
    expect(formatIdentityTimestamp(SAMPLE_MS)).toBe('2024-05-14 06:12:48Z');
  });
});
