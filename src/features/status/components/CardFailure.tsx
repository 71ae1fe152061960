import type { FailureDescription } from '@/lib/errors/describe-failure';
import { formatAbsoluteTime, formatElapsed, formatTimeUntil } from '@/lib/time/relative-time';

/** A card's own failure: what failed, what to do, and how old the data above it is. */
export function CardFailure({
  description,
  retryAt,
  dataUpdatedAt,
  now,
  onRetry,
}: {
  description: FailureDescription;
  retryAt: number | null;
  dataUpdatedAt: number;
  now: Date;
  onRetry: () => void;
}) {
  return (
    <div className="card-failure" role="status">
      <p>
        <strong>Could not refresh.</strong> {description.summary}
      </p>
      {retryAt !== null && retryAt > now.getTime() ? (
        <p>
          Microsoft Graph asked the app to slow down. Trying again at {formatAbsoluteTime(new Date(retryAt))} ({formatTimeUntil(new Date(retryAt), now)}).
        </p>
      ) : (
        <p>{description.action}</p>
      )}
      <p className="card-staleness">
        {dataUpdatedAt > 0 ? (
          <>
            The data shown is not fresh: it was read at {formatAbsoluteTime(new Date(dataUpdatedAt))} (
            {formatElapsed(new Date(dataUpdatedAt), now)}).
          </>
        ) : (
          'No data has been received yet.'
        )}
      </p>
      {description.pollingStopped ? (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
