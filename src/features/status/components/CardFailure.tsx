import { RelativeTime } from '@/components/RelativeTime';
import type { FailureDescription } from '@/lib/errors/describe-failure';

/** A card's own failure: what failed, what to do, and how old the data above it is. */
export function CardFailure({
  description,
  dataUpdatedAt,
  now,
  onRetry,
}: {
  description: FailureDescription;
  dataUpdatedAt: number;
  now: Date;
  onRetry: () => void;
}) {
  return (
    <div className="card-failure" role="status">
      <p>
        <strong>Could not refresh.</strong> {description.summary}
      </p>
      <p>{description.action}</p>
      <p className="card-staleness">
        {dataUpdatedAt > 0 ? (
          <>
            The data shown is not fresh: last updated <RelativeTime date={new Date(dataUpdatedAt)} now={now} />.
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
