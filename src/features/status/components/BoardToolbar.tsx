import { StateIcon } from '@/components/StateIcon';
import { STATE_LABELS } from '@/lib/sync-model/labels';
import { SYNC_STATES, type SyncState } from '@/lib/sync-model/status';
import { formatAbsoluteDateTime, formatElapsed } from '@/lib/time/relative-time';

/** Summary per state (worst first), the dashboard's own freshness, and "Refresh now". */
export function BoardToolbar({
  states,
  lastPollAt,
  refreshing,
  now,
  pollingPaused,
  onRefresh,
}: {
  states: SyncState[];
  lastPollAt: number;
  refreshing: boolean;
  now: Date;
  pollingPaused: boolean;
  onRefresh: () => void;
}) {
  const counts = SYNC_STATES.map((state) => ({ state, count: states.filter((entry) => entry === state).length })).filter(
    (entry) => entry.count > 0,
  );

  return (
    <div className="board-toolbar">
      <h2 id="status-heading">Watched items</h2>
      <ul className="state-summary" aria-label="Items per state">
        {counts.map(({ state, count }) => (
          <li key={state} className={`state-${state}`}>
            <StateIcon state={state} /> {count} {STATE_LABELS[state].toLowerCase()}
          </li>
        ))}
      </ul>
      <p className="board-freshness">
        {pollingPaused
          ? 'Polling paused'
          : lastPollAt === 0
            ? 'Waiting for the first update…'
            : `Updated ${formatElapsed(new Date(lastPollAt), now)}`}
        {lastPollAt > 0 ? <span className="visually-hidden"> ({formatAbsoluteDateTime(new Date(lastPollAt))})</span> : null}
      </p>
      <button type="button" onClick={onRefresh} disabled={refreshing || pollingPaused}>
        {refreshing ? 'Refreshing…' : 'Refresh now'}
      </button>
    </div>
  );
}
