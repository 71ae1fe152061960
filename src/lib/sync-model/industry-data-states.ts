/** Mapping of the Industry Data enums to card states. */

import type { PublicError } from './industry-data-types';
import type { StateFactor } from './state-factors';
import type { BlockingError, SyncState } from './status';

const OUTCOME_FACTORS = new Map<string, StateFactor>([
  ['completed', { state: 'healthy', detail: null }],
  ['completedWithWarnings', { state: 'warning', detail: 'completed with warnings' }],
  ['completedWithErrors', { state: 'warning', detail: 'completed with errors' }],
  ['failed', { state: 'failed', detail: null }],
  ['running', { state: 'inProgress', detail: null }],
  ['inProgress', { state: 'inProgress', detail: null }],
]);

/** `ready` is missing on purpose, because a ready flow leaves the card to its runs. */
const READINESS_FACTORS = new Map<string, StateFactor>([
  ['expired', { state: 'expired', detail: null }],
  ['disabled', { state: 'paused', detail: 'disabled' }],
  ['notReady', { state: 'inProgress', detail: 'not ready' }],
  ['failed', { state: 'failed', detail: 'flow readiness failed' }],
]);

const FINISHED_STATUSES = new Set(['completed', 'completedWithWarnings', 'completedWithErrors']);

/** Activity status for "the run did not run this flow", which leaves the state to older runs. */
export const SKIPPED = 'skipped';

/**
 * Maps a run status or a run-activity status. `skipped` has no state of its own, so callers
 * look past it. Unknown values map to `unknown` with the raw value as detail.
 */
export function outcomeFactor(status: string): StateFactor {
  return OUTCOME_FACTORS.get(status) ?? { state: 'unknown', detail: status };
}

/** Maps a status for the run history strip, where a skipped run shows as paused. */
export function historyState(status: string): SyncState {
  return status === SKIPPED ? 'paused' : outcomeFactor(status).state;
}

/** Maps `readinessStatus` to the factors it adds, if any. */
export function readinessFactors(readiness: string): StateFactor[] {
  if (readiness === 'ready') {
    return [];
  }
  return [READINESS_FACTORS.get(readiness) ?? { state: 'unknown', detail: readiness }];
}

/** Checks whether the flow finished its work in a run, with or without errors and warnings. */
export function isFinishedStatus(status: string): boolean {
  return FINISHED_STATUSES.has(status);
}

/** Reduces a Graph `publicError` to what the card shows, or null when there is none. */
export function toBlockingError(error: PublicError | null | undefined): BlockingError | null {
  if (error === null || error === undefined || typeof error !== 'object') {
    return null;
  }
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : null,
    target: typeof error.target === 'string' ? error.target : null,
  };
}
