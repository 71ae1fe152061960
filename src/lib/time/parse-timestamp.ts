/**
 * Strict parsers for the timestamps Microsoft Graph sends.
 *
 * Graph writes Edm.DateTimeOffset with 0 to 7 fractional digits (.NET drops trailing zeros),
 * and more than 3 digits is outside the ECMAScript date format, so `Date.parse` would be
 * engine-specific. Graph also writes "never" as `null` or as a time in year 0001.
 */

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const NEVER_YEAR = 1;
const MILLISECONDS_PER_MINUTE = 60_000;

/** Thrown for a value that is neither a Graph timestamp nor one of the "never" forms. */
export class InvalidTimestampError extends Error {
  override readonly name = 'InvalidTimestampError';
  readonly value: unknown;

  constructor(value: unknown, expectedFormat: string) {
    super(
      `Invalid timestamp ${describeValue(value)}: expected ${expectedFormat}. ` +
        'Check the value the service returned.',
    );
    this.value = value;
  }
}

let missingZoneWarned = false;

/** Lets the next timestamp without a zone log its warning again. For tests only. */
export function resetTimestampWarnings(): void {
  missingZoneWarned = false;
}

/**
 * Parses an Edm.DateTimeOffset. Returns null for `null`, `undefined` and any time in year
 * 0001, which Graph uses for "never". A value without `Z` or offset is read as UTC, and the
 * first such value in the process is reported through `warn`.
 *
 * @throws InvalidTimestampError for anything else, including impossible dates.
 */
export function parseGraphDateTime(
  value: unknown,
  warn: (message: string) => void = console.warn,
): Date | null {
  if (value === null || value === undefined) {
    return null;
  }

  const expectedFormat = 'YYYY-MM-DDTHH:mm:ss with up to 7 fractional digits and Z or ±HH:MM';
  const match = typeof value === 'string' ? DATE_TIME_PATTERN.exec(value) : null;
  if (match === null) {
    throw new InvalidTimestampError(value, expectedFormat);
  }

  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  const offsetMinutes = zone === undefined ? 0 : parseOffsetMinutes(zone);
  const validTime = hour <= 23 && minute <= 59 && second <= 59 && offsetMinutes !== undefined;
  if (!isValidDate(year, month, day) || !validTime) {
    throw new InvalidTimestampError(value, expectedFormat);
  }
  if (year === NEVER_YEAR) {
    return null;
  }

  if (zone === undefined && !missingZoneWarned) {
    missingZoneWarned = true;
    warn(`Timestamp "${String(value)}" has no time zone, so it is read as UTC. Later ones are not reported.`);
  }

  // Digits past the millisecond are cut off, so a time never rounds up into the next second.
  const milliseconds = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utcMilliseconds = utcTime(year, month, day, hour, minute, second, milliseconds);
  return new Date(utcMilliseconds - offsetMinutes * MILLISECONDS_PER_MINUTE);
}

/**
 * Parses an Edm.Date (`YYYY-MM-DD`) as midnight UTC. Returns null for `null`, `undefined` and
 * dates in year 0001.
 *
 * @throws InvalidTimestampError for anything else.
 */
export function parseGraphDate(value: unknown): Date | null {
  if (value === null || value === undefined) {
    return null;
  }

  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (match === null || !isValidDate(year, month, day)) {
    throw new InvalidTimestampError(value, 'YYYY-MM-DD');
  }
  if (year === NEVER_YEAR) {
    return null;
  }

  return new Date(utcTime(year, month, day, 0, 0, 0, 0));
}

/** Returns the offset east of UTC in minutes, or undefined when it is out of range. */
function parseOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') {
    return 0;
  }

  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) {
    return undefined;
  }
  return sign * (hours * 60 + minutes);
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }

  const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (daysInMonth[month - 1] ?? 0);
}

/** Builds a UTC time value without `Date.UTC`, which maps years 0 to 99 onto 1900 to 1999. */
function utcTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'object' && value !== null) {
    return Array.isArray(value) ? 'array' : 'object';
  }
  return `${typeof value} ${String(value)}`;
}
