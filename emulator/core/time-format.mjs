// Time formats as Microsoft's services write them. All take milliseconds since the epoch.

/**
 * Formats a DateTimeOffset with 7 fractional digits and `Z`, as profileStatus returns it
 * (e.g. 2021-07-13T20:55:17.6475128Z). The digits beyond milliseconds are derived from the value,
 * so a time always formats the same way.
 */
export function formatGraphDateTime(ms) {
  const iso = new Date(ms).toISOString();
  const seconds = Math.trunc(ms / 1000);
  const extraDigits = String(Math.abs(Math.imul(seconds ^ 0x5bd1e995, 0x9e3779b1)) % 10000).padStart(4, '0');
  return `${iso.slice(0, -1)}${extraDigits}Z`;
}

/** Formats a DateTimeOffset without fractional seconds (e.g. 2017-07-05T00:52:45Z). */
export function formatSecondsDateTime(ms) {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Formats `innerError.date` of a Graph error: no fractional seconds and no zone. */
export function formatInnerErrorDate(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Formats an Edm.Date (YYYY-MM-DD) in UTC. */
export function formatEdmDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Formats the `timestamp` of an identity platform error (e.g. 2019-09-19 08:55:37Z). */
export function formatIdentityTimestamp(ms) {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}
