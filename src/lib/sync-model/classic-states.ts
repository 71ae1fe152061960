/** Mapping of the classic enums to card states. */

import type { StateFactor } from './state-factors';

const STATUS_FACTORS = new Map<string, StateFactor>([
  ['success', { state: 'healthy', detail: null }],
  ['inProgress', { state: 'inProgress', detail: null }],
  ['extracting', { state: 'inProgress', detail: 'extracting' }],
  ['validating', { state: 'inProgress', detail: 'validating' }],
  ['paused', { state: 'paused', detail: null }],
  ['error', { state: 'failed', detail: 'error' }],
  ['validationError', { state: 'failed', detail: 'validation error' }],
  ['quarantined', { state: 'failed', detail: 'quarantined' }],
]);

/** `provisioned` is missing on purpose, because it leaves the card to the sync status. */
const PROFILE_STATE_FACTORS = new Map<string, StateFactor>([
  ['provisioningFailed', { state: 'failed', detail: 'provisioning failed' }],
  ['deletionFailed', { state: 'failed', detail: 'deletion failed' }],
  ['deleting', { state: 'paused', detail: 'being deleted' }],
  ['provisioning', { state: 'inProgress', detail: 'being set up' }],
]);

/** Maps an `educationSynchronizationStatus` value. A success with errors becomes a warning. */
export function statusFactor(status: string, errorCount: number | null): StateFactor {
  const known = STATUS_FACTORS.get(status);
  if (known === undefined) {
    return { state: 'unknown', detail: status };
  }
  if (status === 'success' && errorCount !== null && errorCount > 0) {
    return { state: 'warning', detail: errorCount === 1 ? '1 error' : `${errorCount} errors` };
  }
  return known;
}

/** Maps `educationSynchronizationProfileState` to the factors it adds, if any. */
export function profileStateFactors(state: unknown): StateFactor[] {
  if (state === null || state === undefined || state === 'provisioned') {
    return [];
  }
  if (typeof state !== 'string') {
    return [{ state: 'unknown', detail: 'invalid profile state' }];
  }
  return [PROFILE_STATE_FACTORS.get(state) ?? { state: 'unknown', detail: state }];
}
