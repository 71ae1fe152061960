import { compareSeverity, type SyncState } from './status';

/** One thing that shapes a card's state, such as the run status or the readiness of a flow. */
export interface StateFactor {
  state: SyncState;
  /** Words for `SyncStatus.stateDetail` when this factor decides the state. */
  detail: string | null;
}

export const HEALTHY_FACTOR: StateFactor = { state: 'healthy', detail: null };

/**
 * Returns the worst factor, or a healthy one for an empty list. On a tie the earlier factor
 * wins, so callers list factors in the order their details should be preferred.
 */
export function worstFactor(factors: readonly StateFactor[]): StateFactor {
  let worst: StateFactor | undefined;
  for (const factor of factors) {
    if (worst === undefined || compareSeverity(factor.state, worst.state) > 0) {
      worst = factor;
    }
  }
  return worst ?? HEALTHY_FACTOR;
}
