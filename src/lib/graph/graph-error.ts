/**
 * Kind of failure of a Graph request. `http` is an error status, with or without Graph's
 * error envelope. `network` means no response arrived. `timeout` means the app aborted the
 * request. `malformed` is a success status whose body is not the JSON Graph promises.
 */
export type GraphFailureKind = 'http' | 'network' | 'timeout' | 'malformed';

export interface GraphErrorDetails {
  kind: GraphFailureKind;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  /** Graph's `error.code`, such as `accessDenied` or `itemNotFound`. */
  code: string | null;
  /** Graph's `error.message`: for the details view, never for decisions. */
  graphMessage: string | null;
  /** Graph's `request-id`, which Microsoft support requests when an admin reports a problem. */
  requestId: string | null;
  /** The `client-request-id` the app sent with the request. */
  clientRequestId: string;
  /** Delay Graph asked for before a retry, in ms, when the app could read it. */
  retryAfterMs: number | null;
  /** Request path without query, for logs and the details view. */
  path: string;
}

/** A failed Graph request, as a value the UI can inspect and describe. */
export class GraphError extends Error implements GraphErrorDetails {
  override readonly name = 'GraphError';
  readonly kind: GraphFailureKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly graphMessage: string | null;
  readonly requestId: string | null;
  readonly clientRequestId: string;
  readonly retryAfterMs: number | null;
  readonly path: string;

  constructor(details: GraphErrorDetails) {
    super(`Graph request ${details.path} failed: ${details.kind}${details.status === null ? '' : ` ${details.status}`}${details.code === null ? '' : ` ${details.code}`}`);
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.graphMessage = details.graphMessage;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.retryAfterMs = details.retryAfterMs;
    this.path = details.path;
  }

  /** True for responses that polling cannot fix: the permission is missing or the item is gone. */
  get isFatal(): boolean {
    return this.status === 403 || this.status === 404 || this.status === 410;
  }
}

/** Reads Graph's error envelope `{ error: { code, message, innerError } }` from a parsed body. */
export function readErrorEnvelope(body: unknown): { code: string | null; message: string | null; requestId: string | null } {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error === undefined) {
    return { code: null, message: null, requestId: null };
  }

  const inner = isRecord(error.innerError) ? error.innerError : {};
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : null,
    requestId: typeof inner['request-id'] === 'string' ? inner['request-id'] : null,
  };
}

/**
 * Parses a `Retry-After` value in seconds, which Graph sends as an integer or a decimal
 * such as `0.249`. Returns null when it is absent or not a number.
 */
export function parseRetryAfterMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') {
    return null;
  }
  const seconds = Number(value.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
