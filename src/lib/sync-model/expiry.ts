import type { Expiry } from './status';

const MILLISECONDS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * Classifies an expiration time: `expired` once `now` reaches it, `soon` when it is at most
 * `warningDays` days away, `later` otherwise.
 */
export function classifyExpiry(at: Date, now: Date, warningDays: number): Expiry {
  const remaining = at.getTime() - now.getTime();
  if (remaining <= 0) {
    return { at, state: 'expired' };
  }
  if (remaining <= warningDays * MILLISECONDS_PER_DAY) {
    return { at, state: 'soon' };
  }
  return { at, state: 'later' };
}
