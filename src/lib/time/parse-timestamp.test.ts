import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidTimestampError,
  parseGraphDate,
  parseGraphDateTime,
  resetTimestampWarnings,
} from './parse-timestamp';

function iso(value: unknown): string | undefined {
  return parseGraphDateTime(value, () => undefined)?.toISOString();
}

describe('parseGraphDateTime', () => {
  beforeEach(() => {
    resetTimestampWarnings();
  });

  it.each([
    ['2021-07-13T20:55:17.6475128Z', '2021-07-13T20:55:17.647Z'],
    ['2023-11-01T11:10:46.924769Z', '2023-11-01T11:10:46.924Z'],
    ['2023-10-01T23:00:26.012Z', '2023-10-01T23:00:26.012Z'],
    ['2025-09-18T03:52:19.31Z', '2025-09-18T03:52:19.310Z'],
    ['2025-09-16T02:14:58.0031Z', '2025-09-16T02:14:58.003Z'],
    ['2017-07-05T00:52:45Z', '2017-07-05T00:52:45.000Z'],
  ])('parses %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('truncates instead of rounding up across a second', () => {
    expect(iso('2024-12-31T23:59:59.9999999Z')).toBe('2024-12-31T23:59:59.999Z');
  });

  it.each([
    ['2024-05-14T08:12:48+02:00', '2024-05-14T06:12:48.000Z'],
    ['2024-05-14T01:42:48.5-04:30', '2024-05-14T06:12:48.500Z'],
    ['2024-05-14T06:12:48+00:00', '2024-05-14T06:12:48.000Z'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31T23:30:00.000Z'],
  ])('applies the offset in %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('returns null for null and undefined', () => {
    expect(parseGraphDateTime(null)).toBeNull();
    expect(parseGraphDateTime(undefined)).toBeNull();
  });

  it.each(['0001-01-01T00:00:00Z', '0001-06-30T12:00:00.1234567Z', '0001-01-01T00:00:00+01:00'])(
    'returns null for year 0001 value %s',
    (input) => {
      expect(parseGraphDateTime(input)).toBeNull();
    },
  );

  it('reads a value without zone as UTC', () => {
    expect(iso('2025-02-13T10:17:05')).toBe('2025-02-13T10:17:05.000Z');
  });

  it('warns once about a missing zone, naming the value', () => {
    const warn = vi.fn();

    parseGraphDateTime('2025-02-13T10:17:05', warn);
    parseGraphDateTime('2025-02-14T11:00:00.25', warn);
    parseGraphDateTime('2025-02-14T11:00:00Z', warn);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('2025-02-13T10:17:05');
  });

  it('warns again after a reset', () => {
    const warn = vi.fn();

    parseGraphDateTime('2025-02-13T10:17:05', warn);
    resetTimestampWarnings();
    parseGraphDateTime('2025-02-13T10:17:06', warn);

    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('uses console.warn by default', () => {
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    parseGraphDateTime('2025-02-13T10:17:05');

    expect(consoleWarn).toHaveBeenCalledTimes(1);
  });

  it('does not warn for values with a zone', () => {
    const warn = vi.fn();

    parseGraphDateTime('2025-02-13T10:17:05Z', warn);
    parseGraphDateTime('2025-02-13T10:17:05-01:00', warn);

    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    '',
    'garbage',
    'yesterday',
    '2025-02-13',
    '2025-02-13 10:17:05Z',
    '2025-02-13T10:17Z',
    '2025-02-13T10:17:05.Z',
    '2025-02-13T10:17:05.12345678Z',
    '2025-02-13T10:17:05z',
    '2025-02-13T10:17:05+0100',
    '2025-02-13T10:17:05+01',
    '2025-02-13T10:17:05+01:60',
    '2025-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-02-13T24:00:00Z',
    '2025-02-13T10:60:00Z',
    '2025-02-13T10:17:60Z',
    ' 2025-02-13T10:17:05Z',
    '2025-02-13T10:17:05Z ',
    '+002025-02-13T10:17:05Z',
  ])('rejects %j', (input) => {
    expect(() => parseGraphDateTime(input)).toThrow(InvalidTimestampError);
  });

  it.each([0, 1_700_000_000_000, true, {}, [], new Date(0)])('rejects the non-string %j', (input) => {
    expect(() => parseGraphDateTime(input)).toThrow(InvalidTimestampError);
  });

  it('accepts 29 February in a leap year', () => {
    expect(iso('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('keeps the offending value on the error', () => {
    const error = captureError(() => parseGraphDateTime('not a time'));

    expect(error).toBeInstanceOf(InvalidTimestampError);
    expect(error.value).toBe('not a time');
    expect(error.name).toBe('InvalidTimestampError');
    expect(error.message).toContain('"not a time"');
  });
});

describe('parseGraphDate', () => {
  it('parses a date as UTC midnight', () => {
    expect(parseGraphDate('2024-12-31')?.toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });

  it('returns null for null, undefined and year 0001', () => {
    expect(parseGraphDate(null)).toBeNull();
    expect(parseGraphDate(undefined)).toBeNull();
    expect(parseGraphDate('0001-01-01')).toBeNull();
  });

  it.each(['2024-02-30', '2024-12-31T00:00:00Z', '31.12.2024', '2024-1-5', '', 20241231])(
    'rejects %j',
    (input) => {
      expect(() => parseGraphDate(input)).toThrow(InvalidTimestampError);
    },
  );
});

function captureError(action: () => unknown): InvalidTimestampError {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidTimestampError) {
      return error;
    }
    throw error;
  }
  throw new Error('Expected an InvalidTimestampError, but nothing was thrown.');
}
