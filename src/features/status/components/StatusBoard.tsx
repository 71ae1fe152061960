import { useSessionProblem } from '@/lib/auth/session-context';
import { usePollScheduler } from '@/lib/polling/polling-context';
import type { SourceCatalog } from '@/lib/sds/catalog';
import type { SyncState } from '@/lib/sync-model/status';

import { useBoard, useStatesChange } from '../hooks/use-board';
import { BoardToolbar } from './BoardToolbar';
import { NotFoundCard } from './NotFoundCard';
import { StatusCardView } from './StatusCardView';

/** One card per watched key, in the admin's order, with a summary and "Refresh now". */
export function StatusBoard({
  keys,
  catalogs,
  now,
  onStatesChange,
}: {
  keys: string[];
  catalogs: SourceCatalog[];
  now: Date;
  /** Called with the cards' states whenever they change, for a summary outside the board. */
  onStatesChange?: (states: SyncState[]) => void;
}) {
  const scheduler = usePollScheduler();
  const sessionProblem = useSessionProblem();
  const board = useBoard(keys, catalogs, now);
  useStatesChange(board.states, onStatesChange);

  return (
    <section className="status-section" aria-labelledby="status-heading">
      <BoardToolbar
        states={board.states}
        lastPollAt={board.lastPollAt}
        refreshing={board.fetching}
        now={now}
        pollingPaused={sessionProblem !== null}
        onRefresh={() => scheduler.pollNow()}
      />
      <div className="status-board">
        {board.entries.map((entry) => {
          if (entry.kind === 'notFound') {
            return <NotFoundCard key={entry.key} id={entry.id} source={entry.source} />;
          }
          if (entry.kind === 'loading') {
            return (
              <article key={entry.key} className="status-card card-loading" aria-label={`${entry.key}: loading`}>
                <p className="card-loading-text">Looking up {entry.key}…</p>
              </article>
            );
          }
          const { key, ...props } = entry.card;
          return <StatusCardView key={key} {...props} now={now} />;
        })}
      </div>
    </section>
  );
}
