// The emulator's own clock. Emulator time is a base time plus the real time elapsed since the base
// was set plus any explicit advance, so tests can move it in step with a browser's fake clock while
// it keeps running between steps.

/**
 * Creates a clock. `realNow` returns real milliseconds since the epoch; tests pass their own.
 */
export function createClock({ realNow = Date.now } = {}) {
  let baseEmulatedMs = realNow();
  let baseRealMs = baseEmulatedMs;

  return {
    /** Emulator time in milliseconds since the epoch. */
    now() {
      return baseEmulatedMs + (realNow() - baseRealMs);
    },

    /** Sets emulator time to `ms`; it keeps running from there. */
    set(ms) {
      if (!Number.isFinite(ms)) {
        throw new RangeError(`Clock time must be a finite number of milliseconds, got ${ms}.`);
      }
      baseEmulatedMs = ms;
      baseRealMs = realNow();
    },

    /** Moves emulator time forward (or back, for a negative value) by `ms`. */
    advance(ms) {
      if (!Number.isFinite(ms)) {
        throw new RangeError(`Clock advance must be a finite number of milliseconds, got ${ms}.`);
      }
      baseEmulatedMs += ms;
    },

    /** Puts emulator time back on real time. */
    reset() {
      baseEmulatedMs = realNow();
      baseRealMs = baseEmulatedMs;
    },
  };
}

/**
 * Parses an ISO 8601 time with a `Z` or an offset into milliseconds, or throws a message that names
 * the value.
 */
export function parseIsoTime(value) {
  const hasZone = typeof value === 'string' && /(Z|[+-]\d\d:\d\d)$/i.test(value);
  const ms = hasZone ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `Invalid time ${JSON.stringify(value)}: send an ISO 8601 time with Z or an offset, e.g. "2024-05-14T07:45:00Z".`,
    );
  }
  return ms;
}
