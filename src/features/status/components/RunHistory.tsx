import { StateIcon } from '@/components/StateIcon';
import { STATE_LABELS } from '@/lib/sync-model/labels';
import type { RunSummary } from '@/lib/sync-model/status';
import { formatAbsoluteDateTime } from '@/lib/time/relative-time';

/** The last runs, oldest to newest, as the SDS sync health page lists them. */
export function RunHistory({ runs }: { runs: RunSummary[] }) {
  if (runs.length === 0) {
    return null;
  }
  const oldestFirst = [...runs].reverse();

  return (
    <div className="run-history">
      <p className="run-history-label">Last {runs.length} runs (oldest to newest)</p>
      <ol className="run-strip">
        {oldestFirst.map((run) => {
          const text = `${formatAbsoluteDateTime(run.start)}: ${run.status} (${STATE_LABELS[run.state]})`;
          return (
            <li key={run.runId} className={`run-cell state-${run.state}`} title={text} tabIndex={0} aria-label={text}>
              <StateIcon state={run.state} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
