/**
 * When the next Industry Data run should start. The service starts a run every 12 hours at
 * a fixed time of day, and an on-demand run makes it skip the next scheduled run when that
 * one is due within 10 hours. Neither the phase nor the on-demand runs are exposed, so both
 * are inferred from the start times of past runs.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SCHEDULE_INTERVAL_MS = 12 * HOUR;
export const ON_DEMAND_SKIP_WINDOW_MS = 10 * HOUR;

// NOTE: a guess. In sample data, scheduled runs start within seconds of the same minute,
// but the spread on real tenants is undocumented.
export const PHASE_TOLERANCE_MS = 30 * MINUTE;

/**
 * Infers the schedule phase, in milliseconds after 00:00 and 12:00 UTC, as the start time
 * shared by the most runs. On a tie the cluster of the earliest-listed run wins, so pass
 * the starts newest first. Returns undefined without runs.
 */
export function inferSchedulePhase(startsNewestFirst: readonly Date[]): number | undefined {
  const phases = startsNewestFirst.map((start) => modulo(start.getTime(), SCHEDULE_INTERVAL_MS));
  let bestMembers: number[] = [];
  let bestCenter: number | undefined;

  for (const center of phases) {
    const members = phases
      .map((phase) => signedPhaseDistance(phase, center))
      .filter((distance) => Math.abs(distance) <= PHASE_TOLERANCE_MS);
    if (members.length > bestMembers.length) {
      bestMembers = members;
      bestCenter = center;
    }
  }

  if (bestCenter === undefined) {
    return undefined;
  }
  return modulo(bestCenter + median(bestMembers), SCHEDULE_INTERVAL_MS);
}

/**
 * Returns when the next run should start, given the start times of past runs newest first,
 * or null without runs. A run that started near the phase counts as scheduled, and any
 * other as on demand.
 */
export function expectedNextRun(startsNewestFirst: readonly Date[]): Date | null {
  const phase = inferSchedulePhase(startsNewestFirst);
  const newest = startsNewestFirst[0];
  if (phase === undefined || newest === undefined) {
    return null;
  }

  const newestTime = newest.getTime();
  const nearestSlot = phase + Math.round((newestTime - phase) / SCHEDULE_INTERVAL_MS) * SCHEDULE_INTERVAL_MS;
  if (Math.abs(newestTime - nearestSlot) <= PHASE_TOLERANCE_MS) {
    return new Date(nearestSlot + SCHEDULE_INTERVAL_MS);
  }

  const followingSlot = nearestSlot > newestTime ? nearestSlot : nearestSlot + SCHEDULE_INTERVAL_MS;
  const skipped = followingSlot - newestTime <= ON_DEMAND_SKIP_WINDOW_MS;
  return new Date(skipped ? followingSlot + SCHEDULE_INTERVAL_MS : followingSlot);
}

/** Checks whether `now` has reached the expected run time plus the grace period. */
export function isOverdue(nextRunExpected: Date | null, now: Date, graceMinutes: number): boolean {
  if (nextRunExpected === null) {
    return false;
  }
  return now.getTime() >= nextRunExpected.getTime() + graceMinutes * MINUTE;
}

/** Distance from `center` to `phase` on the 12-hour circle, in (-6 h, 6 h]. */
function signedPhaseDistance(phase: number, center: number): number {
  const distance = modulo(phase - center, SCHEDULE_INTERVAL_MS);
  return distance > SCHEDULE_INTERVAL_MS / 2 ? distance - SCHEDULE_INTERVAL_MS : distance;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) {
    return sorted[middle] ?? 0;
  }
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
