import { RelativeTime } from '@/components/RelativeTime';
import { useAppConfig } from '@/config/config-context';
import { StateBadge } from '@/components/StateBadge';
import type { FailureDescription } from '@/lib/errors/describe-failure';
import { SOURCE_LABELS } from '@/lib/sync-model/labels';
import type { SourceKind, SyncStatus } from '@/lib/sync-model/status';
import { formatAbsoluteDate, formatAbsoluteDateTime, formatElapsed, formatNumber, formatTimeUntil } from '@/lib/time/relative-time';

import { CardDetails } from './CardDetails';
import { CardFailure } from './CardFailure';
import { RunHistory } from './RunHistory';

export interface StatusCardViewProps {
  name: string;
  source: SourceKind;
  typeLabel: string | null;
  status: SyncStatus | undefined;
  /** The last poll's failure, when it failed. */
  failure:
    | {
        description: FailureDescription;
        requestId: string | null;
        clientRequestId: string | null;
        /** Epoch ms of the scheduled retry of a throttled request, else null. */
        retryAt: number | null;
      }
    | undefined;
  /** Epoch ms of the data shown, 0 when there is none. */
  dataUpdatedAt: number;
  now: Date;
  onRetry: () => void;
}

/** One watched item: state, last sync, counts, message, and its own failure if the last poll failed. */
export function StatusCardView(props: StatusCardViewProps) {
  const { name, source, typeLabel, status, failure, dataUpdatedAt, now, onRetry } = props;
  const config = useAppConfig();
  const headingId = `card-${source}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');

  return (
    <article className={`status-card ${status ? `card-${status.state}` : 'card-loading'}`} aria-labelledby={headingId}>
      <header className="card-header">
        <h3 id={headingId} className="card-title">
          {name}
        </h3>
        <span className="card-source">
          {SOURCE_LABELS[source]}
          {typeLabel ? ` · ${typeLabel}` : ''}
        </span>
      </header>

      {isOutdated(dataUpdatedAt, now, config.pollIntervalSeconds) ? (
        <p className="card-outdated" role="status">
          Not updated since {formatAbsoluteDateTime(new Date(dataUpdatedAt))} ({formatElapsed(new Date(dataUpdatedAt), now)})
        </p>
      ) : null}

      {status === undefined ? (
        failure === undefined ? (
          <p className="card-loading-text">Loading status…</p>
        ) : null
      ) : (
        <StatusBody status={status} source={source} now={now} />
      )}

      {failure ? (
        <CardFailure
          description={failure.description}
          retryAt={failure.retryAt}
          dataUpdatedAt={dataUpdatedAt}
          now={now}
          onRetry={onRetry}
        />
      ) : null}

      {status || failure ? (
        <CardDetails raw={status?.raw ?? {}} requestId={failure?.requestId ?? null} clientRequestId={failure?.clientRequestId ?? null} />
      ) : null}
    </article>
  );
}

/** Data older than two poll intervals is called out, whatever kept it from being refreshed. */
function isOutdated(dataUpdatedAt: number, now: Date, intervalSeconds: number): boolean {
  return dataUpdatedAt > 0 && now.getTime() - dataUpdatedAt > 2 * intervalSeconds * 1000;
}

function StatusBody({ status, source, now }: { status: SyncStatus; source: SourceKind; now: Date }) {
  // The new SDS keeps runs only for a while, so no sync in them does not mean there never was one.
  const noSync = source === 'industryData' ? 'none in the recent runs' : 'never synced';

  return (
    <>
      <p className="card-state">
        <StateBadge state={status.state} detail={status.stateDetail} />
      </p>
      <dl className="card-facts">
        <div>
          <dt>Last synced</dt>
          <dd>{status.lastSuccessfulSync === null ? noSync : <RelativeTime date={status.lastSuccessfulSync} now={now} />}</dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>{status.lastActivity === null ? 'none reported' : <RelativeTime date={status.lastActivity} now={now} />}</dd>
        </div>
        {status.errorCount !== null ? (
          <div>
            <dt>Errors</dt>
            <dd>{formatNumber(status.errorCount)}</dd>
          </div>
        ) : null}
        {status.warningCount !== null ? (
          <div>
            <dt>Warnings</dt>
            <dd>{formatNumber(status.warningCount)}</dd>
          </div>
        ) : null}
        {status.nextRunExpected ? (
          <div>
            <dt>Next run expected</dt>
            <dd>
              <time dateTime={status.nextRunExpected.toISOString()} title={formatAbsoluteDateTime(status.nextRunExpected)}>
                {formatTimeUntil(status.nextRunExpected, now)}
              </time>
            </dd>
          </div>
        ) : null}
        {status.expiry ? (
          <div>
            <dt>{status.expiry.state === 'expired' ? 'Expired' : 'Expires'}</dt>
            <dd className={status.expiry.state === 'later' ? undefined : 'expiry-attention'}>
              {formatAbsoluteDate(status.expiry.at)}
              {status.expiry.state === 'soon' ? ' (soon)' : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {status.blockingError ? (
        <p className="card-blocking-error">
          <strong>Blocking error:</strong> {status.blockingError.message ?? 'no message'}
          {status.blockingError.code ? <span className="blocking-error-code"> ({status.blockingError.code})</span> : null}
        </p>
      ) : null}
      {status.message && status.message !== status.blockingError?.message ? <p className="card-message">{status.message}</p> : null}
      {status.runHistory ? <RunHistory runs={status.runHistory} /> : null}
      {status.notes.length > 0 ? (
        <ul className="card-notes">
          {status.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
