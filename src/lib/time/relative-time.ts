/**
 * Wording of times on the cards. Every function takes the current time as a value, so callers
 * recompute the text at each render instead of counting timer ticks.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Average Gregorian month and year, so that "months ago" does not drift over a year.
const MONTH = (365.2425 / 12) * DAY;
const YEAR = 365.2425 * DAY;

/** Below this age an event reads "just now" rather than "0 minutes ago". */
const JUST_NOW_LIMIT = 45 * SECOND;

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

interface WholeUnits {
  value: number;
  unit: Intl.RelativeTimeFormatUnit;
}

/**
 * Formats how long ago `then` was, in whole units rounded down: "5 minutes ago", "3 days ago".
 * Anything under 45 seconds old, and anything in the future because the client clock is
 * behind the server, reads "just now".
 */
export function formatRelativeTime(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  if (elapsed < JUST_NOW_LIMIT) {
    return 'just now';
  }

  const { value, unit } = toWholeUnits(elapsed);
  return relativeFormat.format(-value, unit);
}

/** Formats how long until `then`: "in 5 minutes", "in 3 hours", and "now" once it is due. */
export function formatTimeUntil(then: Date, now: Date): string {
  const remaining = then.getTime() - now.getTime();
  if (remaining <= 0) {
    return 'now';
  }

  const { value, unit } = toWholeUnits(remaining);
  return relativeFormat.format(value, unit);
}

/**
 * Formats how long ago something happened with seconds below a minute ("38 s ago"), for the
 * age of data, where "just now" would hide that it is already old.
 */
export function formatElapsed(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - then.getTime()) / 1000));
  return seconds < 60 ? `${seconds} s ago` : formatRelativeTime(then, now);
}

/** Locale for dates and numbers, from the `lang` URL parameter; undefined means the browser's. */
let displayLocale: string | undefined;

/** Sets the locale that absolute dates, times and numbers use from now on. */
export function setDisplayLocale(locale: string | undefined): void {
  displayLocale = locale;
}

/**
 * Formats an exact date and time with seconds and time zone, such as
 * "May 14, 2024, 8:12:48 AM UTC" in `en-US`. Locale and time zone default to the user's.
 */
export function formatAbsoluteDateTime(date: Date, locale?: string, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(locale ?? displayLocale, { dateStyle: 'medium', timeStyle: 'long', timeZone });
  return format.format(date);
}

/** Formats a time of day with seconds, such as "8:12:48 AM" in `en-US`. */
export function formatAbsoluteTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale ?? displayLocale, { timeStyle: 'medium' }).format(date);
}

/**
 * Formats a date without time, such as "Dec 31, 2024" in `en-US`. The date is read in UTC,
 * because date-only values are stored as UTC midnight and would otherwise show the previous
 * day west of Greenwich.
 */
export function formatAbsoluteDate(date: Date, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale ?? displayLocale, { dateStyle: 'medium', timeZone: 'UTC' });
  return format.format(date);
}

/** Formats a count with the locale's digit grouping, such as "18,240" in `en-US`. */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale ?? displayLocale).format(value);
}

/** Picks the largest unit that fits a positive duration, at least 1 of it, rounded down. */
function toWholeUnits(duration: number): WholeUnits {
  if (duration < HOUR) {
    return { value: atLeastOne(duration / MINUTE), unit: 'minute' };
  }
  if (duration < DAY) {
    return { value: atLeastOne(duration / HOUR), unit: 'hour' };
  }
  if (duration < 30 * DAY) {
    return { value: atLeastOne(duration / DAY), unit: 'day' };
  }
  if (duration < 365 * DAY) {
    return { value: atLeastOne(duration / MONTH), unit: 'month' };
  }
  return { value: atLeastOne(duration / YEAR), unit: 'year' };
}

function atLeastOne(amount: number): number {
  return Math.max(1, Math.floor(amount));
}
