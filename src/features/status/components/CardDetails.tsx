import type { RawValues } from '@/lib/sync-model/status';

/** The source's raw values and request ids, for an admin talking to Microsoft support. */
export function CardDetails({
  raw,
  requestId,
  clientRequestId,
}: {
  raw: RawValues;
  requestId: string | null;
  clientRequestId: string | null;
}) {
  const entries = Object.entries(raw);

  return (
    <details className="card-details">
      <summary>Details</summary>
      <dl>
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd className="raw-value">{value === null ? 'null' : String(value)}</dd>
          </div>
        ))}
        {requestId ? (
          <div>
            <dt>request-id</dt>
            <dd className="raw-value">{requestId}</dd>
          </div>
        ) : null}
        {clientRequestId ? (
          <div>
            <dt>client-request-id</dt>
            <dd className="raw-value">{clientRequestId}</dd>
          </div>
        ) : null}
      </dl>
    </details>
  );
}
