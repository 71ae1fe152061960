import { STATE_LABELS } from '@/lib/sync-model/labels';
import type { SyncState } from '@/lib/sync-model/status';

import { StateIcon } from './StateIcon';

/** The state as icon, word and colour together, with an optional qualifier such as "not ready". */
export function StateBadge({ state, detail }: { state: SyncState; detail?: string | null }) {
  return (
    <span className={`state-badge state-${state}`}>
      <StateIcon state={state} />
      <span className="state-label">{STATE_LABELS[state]}</span>
      {detail ? <span className="state-detail">({detail})</span> : null}
    </span>
  );
}
