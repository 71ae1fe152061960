import { GraphError, isRecord, parseRetryAfterMs, readErrorEnvelope, type GraphErrorDetails } from './graph-error';

/** The request ids and path that every `GraphError` of one HTTP call carries. */
export interface GraphCallContext {
  clientRequestId: string;
  /** Request path without query, such as `/beta/education/synchronizationProfiles`. */
  path: string;
}

export interface GraphGetInput {
  url: URL;
  token: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Sends `Prefer: include-unknown-enum-members`, so evolvable enum members arrive as they are. */
  includeUnknownEnumMembers?: boolean | undefined;
}

export interface RequestTimeout {
  signal: AbortSignal;
  /** Stops the timer once the response body has been read. */
  clear(): void;
}

/**
 * Resolves a path under `/beta` (such as `/education/synchronizationProfiles`) or an absolute
 * URL such as an `@odata.nextLink`. Throws when the URL leaves the configured Graph origin,
 * because the caller is about to attach a Graph token to it.
 */
export function resolveGraphUrl(baseUrl: string, pathOrUrl: string): URL {
  const graphOrigin = new URL(baseUrl).origin;
  const url = new URL(pathOrUrl.startsWith('/') ? `${baseUrl}/beta${pathOrUrl}` : pathOrUrl);
  if (url.origin !== graphOrigin) {
    throw new Error(`Refusing to send a Graph token to ${url.origin}; only ${graphOrigin} is configured.`);
  }
  return url;
}

/** Builds the headers of one Graph call. Its `client-request-id` lets Microsoft support trace the call. */
export function buildGraphHeaders(token: string, clientRequestId: string): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    Accept: 'application/json',
    'client-request-id': clientRequestId,
  };
}

/**
 * Starts a timer that aborts the returned signal after `timeoutMs`. It uses `setTimeout`
 * rather than `AbortSignal.timeout`, so the timer can be cleared and tests can drive it
 * with fake timers.
 */
export function startTimeout(timeoutMs: number): RequestTimeout {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`Graph request timed out after ${timeoutMs} ms.`, 'TimeoutError'));
  }, timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Creates a `GraphError` for one HTTP call. Fields not given in `details` are null. */
export function createGraphFailure(
  kind: GraphError['kind'],
  context: GraphCallContext,
  details: Partial<Omit<GraphErrorDetails, 'kind' | 'clientRequestId' | 'path'>> = {},
): GraphError {
  return new GraphError({
    kind,
    status: null,
    code: null,
    graphMessage: null,
    requestId: null,
    retryAfterMs: null,
    ...details,
    clientRequestId: context.clientRequestId,
    path: context.path,
  });
}

/** Parses a response body as JSON. Returns undefined for an empty or invalid body. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends one GET with a fresh `client-request-id` and returns the JSON object Graph sent.
 * Every failure becomes a `GraphError`, except an abort by the caller's `signal`, which
 * rethrows the abort reason.
 */
export async function sendGraphGet(fetchFunction: typeof fetch, input: GraphGetInput): Promise<unknown> {
  const context: GraphCallContext = { clientRequestId: crypto.randomUUID(), path: input.url.pathname };
  const headers = buildGraphHeaders(input.token, context.clientRequestId);
  if (input.includeUnknownEnumMembers === true) {
    headers.Prefer = 'include-unknown-enum-members';
  }

  const timeout = startTimeout(input.timeoutMs);
  const signal = input.signal === undefined ? timeout.signal : AbortSignal.any([input.signal, timeout.signal]);
  let response: Response;
  let body: unknown;
  try {
    // No `cache: 'no-store'`: it also bypasses the CORS preflight cache, so every poll would
    // cost an OPTIONS request. Graph marks its responses no-cache, so none is served stale.
    response = await fetchFunction(input.url, { headers, signal, credentials: 'omit' });
    body = await readJson(response);
  } catch (error) {
    if (input.signal?.aborted === true) {
      throw error;
    }
    throw createGraphFailure(timeout.signal.aborted ? 'timeout' : 'network', context);
  } finally {
    timeout.clear();
  }

  // A body cut off by an abort reads as undefined, which is not a malformed response from Graph.
  if (input.signal?.aborted === true) {
    throw input.signal.reason;
  }
  if (timeout.signal.aborted) {
    throw createGraphFailure('timeout', context);
  }

  const requestId = response.headers.get('request-id');
  if (!response.ok) {
    const envelope = readErrorEnvelope(body);
    throw createGraphFailure('http', context, {
      status: response.status,
      code: envelope.code,
      graphMessage: envelope.message,
      requestId: requestId ?? envelope.requestId,
      retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After')),
    });
  }
  if (!isRecord(body)) {
    throw createGraphFailure('malformed', context, { status: response.status, requestId });
  }
  return body;
}
