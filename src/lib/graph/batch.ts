import type { GetToken } from '@/lib/auth/token';

import { isRecord, parseRetryAfterMs, readErrorEnvelope, type GraphError } from './graph-error';
import {
  buildGraphHeaders,
  createGraphFailure,
  readJson,
  resolveGraphUrl,
  sendGraphGet,
  startTimeout,
  type GraphCallContext,
} from './http';

/** Maximum requests in one JSON batch, the limit Graph documents for `$batch`. */
export const MAX_BATCH_REQUESTS = 20;

const DEFAULT_WINDOW_MS = 10;

/** One GET that may travel inside a `$batch`. */
export interface BatchableRequest {
  /** Path under `/beta`, such as `/education/synchronizationProfiles/{id}/profileStatus`, with or without a query. */
  path: string;
  /** Delegated scopes the token must carry. Only requests with the same scopes share a batch. */
  scopes: string[];
  /** Sends `Prefer: include-unknown-enum-members`, so evolvable enum members arrive as they are. */
  includeUnknownEnumMembers?: boolean;
}

export interface BatcherSettings {
  /** Graph root such as `https://graph.microsoft.com`, without the version. */
  baseUrl: string;
  getToken: GetToken;
  /** Limit for each HTTP call, batch or single, in ms. */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** How long the first request of a window waits for others to join it, in ms. */
  windowMs?: number;
}

/** Counters since the batcher was created, for tests and benchmarks. */
export interface BatchStats {
  /** `$batch` POSTs sent. */
  batchCalls: number;
  /** Plain GETs sent: windows with one request, and fallbacks after a failed batch. */
  singleCalls: number;
  /** Requests sent to Graph inside batches or alone. A request sent again in a fallback counts twice. */
  itemsSent: number;
}

export interface Batcher {
  /** Queues one GET and resolves with its JSON object, or rejects with a `GraphError`, a token error or the abort reason. */
  request(item: BatchableRequest, signal?: AbortSignal): Promise<unknown>;
  stats(): BatchStats;
}

interface PendingRequest {
  item: BatchableRequest;
  url: URL;
  signal: AbortSignal | undefined;
  settled: boolean;
  fulfil(value: unknown): void;
  fail(reason: unknown): void;
}

interface RequestWindow {
  requests: PendingRequest[];
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Creates a batcher that coalesces GETs falling due within `windowMs` of each other into
 * `POST /beta/$batch` calls, while each caller gets its own response or `GraphError`.
 * A window with one request sends a plain GET. When a batch call itself fails, each of
 * its requests is sent again as a plain GET.
 */
export function createBatcher(settings: BatcherSettings): Batcher {
  const fetchFunction = settings.fetch ?? globalThis.fetch.bind(globalThis);
  const windowMs = settings.windowMs ?? DEFAULT_WINDOW_MS;
  if (!Number.isFinite(windowMs) || windowMs < 0) {
    throw new RangeError(`Invalid batch window ${windowMs}; set windowMs to a non-negative number of ms.`);
  }

  const batchUrl = resolveGraphUrl(settings.baseUrl, '/$batch');
  const windows = new Map<string, RequestWindow>();
  const counters: BatchStats = { batchCalls: 0, singleCalls: 0, itemsSent: 0 };

  function request(item: BatchableRequest, signal?: AbortSignal): Promise<unknown> {
    if (signal?.aborted === true) {
      return Promise.reject(signal.reason);
    }
    let url: URL;
    try {
      url = resolveItemUrl(settings.baseUrl, item.path);
    } catch (error) {
      return Promise.reject(error);
    }

    return new Promise((resolve, reject) => {
      const pending = trackRequest(item, url, signal, resolve, reject, () => removeFromWindow(pending));
      addToWindow(pending);
    });
  }

  function addToWindow(pending: PendingRequest): void {
    const key = scopeKey(pending.item.scopes);
    const open = windows.get(key);
    if (open !== undefined) {
      open.requests.push(pending);
      return;
    }
    windows.set(key, { requests: [pending], timer: setTimeout(() => flushWindow(key), windowMs) });
  }

  function removeFromWindow(pending: PendingRequest): void {
    const key = scopeKey(pending.item.scopes);
    const open = windows.get(key);
    if (open === undefined || !open.requests.includes(pending)) {
      return;
    }

    open.requests = open.requests.filter((queued) => queued !== pending);
    if (open.requests.length === 0) {
      clearTimeout(open.timer);
      windows.delete(key);
    }
  }

  function flushWindow(key: string): void {
    const closed = windows.get(key);
    windows.delete(key);
    if (closed === undefined) {
      return;
    }

    const live = closed.requests.filter((pending) => !pending.settled);
    for (const chunk of splitIntoChunks(live)) {
      sendChunk(chunk).catch((error: unknown) => failAll(chunk, error));
    }
  }

  async function sendChunk(chunk: PendingRequest[]): Promise<void> {
    const first = chunk[0];
    if (first === undefined) {
      return;
    }

    let token: string;
    try {
      token = await settings.getToken(first.item.scopes);
    } catch (error) {
      failAll(chunk, error);
      return;
    }

    // Callers may have aborted while the token was on its way.
    const live = chunk.filter((pending) => !pending.settled);
    if (live.length === 0) {
      return;
    }
    const only = live.length === 1 ? live[0] : undefined;
    if (only !== undefined) {
      await sendSingle(only, token);
      return;
    }

    const batch = await postBatch(live, token);
    if (batch !== null && 'throttled' in batch) {
      live.forEach((pending) => pending.fail(batch.throttled));
      return;
    }
    if (batch === null) {
      const unsettled = live.filter((pending) => !pending.settled);
      await Promise.all(unsettled.map((pending) => sendSingle(pending, token)));
      return;
    }
    live.forEach((pending, index) => settleFromBatch(pending, batch.responses.get(batchItemId(index)), batch.clientRequestId));
  }

  async function sendSingle(pending: PendingRequest, token: string): Promise<void> {
    counters.singleCalls += 1;
    counters.itemsSent += 1;
    try {
      const body = await sendGraphGet(fetchFunction, {
        url: pending.url,
        token,
        timeoutMs: settings.timeoutMs,
        signal: pending.signal,
        includeUnknownEnumMembers: pending.item.includeUnknownEnumMembers,
      });
      pending.fulfil(body);
    } catch (error) {
      pending.fail(error);
    }
  }

  /**
   * Sends one `$batch` call. Returns null when the call itself failed, so its requests go out
   * alone, and `throttled` when Graph throttled the whole call, so that no request is sent
   * again before the scheduler's backoff.
   */
  async function postBatch(
    live: PendingRequest[],
    token: string,
  ): Promise<{ clientRequestId: string; responses: Map<string, Record<string, unknown>> } | { throttled: GraphError } | null> {
    const clientRequestId = crypto.randomUUID();
    const headers = { ...buildGraphHeaders(token, clientRequestId), 'Content-Type': 'application/json' };
    const requests = live.map((pending, index) => toBatchItem(batchItemId(index), pending.item));
    counters.batchCalls += 1;
    counters.itemsSent += live.length;

    const timeout = startTimeout(settings.timeoutMs);
    try {
      const response = await fetchFunction(batchUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ requests }),
        signal: timeout.signal,
        credentials: 'omit',
      });
      const body = await readJson(response);
      if ((response.status === 429 || response.status === 503) && !timeout.signal.aborted) {
        return {
          throttled: createGraphFailure('http', { clientRequestId, path: batchUrl.pathname }, {
            status: response.status,
            requestId: response.headers.get('request-id'),
            retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After')),
          }),
        };
      }
      if (!response.ok || timeout.signal.aborted) {
        return null;
      }
      const responses = readBatchResponses(body);
      return responses === null ? null : { clientRequestId, responses };
    } catch {
      // A network failure or timeout of the batch call is not reported: every request is
      // sent again alone, and those calls report their own failures.
      return null;
    } finally {
      timeout.clear();
    }
  }

  return { request, stats: () => ({ ...counters }) };
}

/** Registers the caller's abort listener and returns the request with settle-once callbacks. */
function trackRequest(
  item: BatchableRequest,
  url: URL,
  signal: AbortSignal | undefined,
  resolve: (value: unknown) => void,
  reject: (reason: unknown) => void,
  onAbortBeforeSettled: () => void,
): PendingRequest {
  const onAbort = () => {
    onAbortBeforeSettled();
    pending.fail(signal?.reason);
  };
  const finish = (): boolean => {
    if (pending.settled) {
      return false;
    }
    pending.settled = true;
    signal?.removeEventListener('abort', onAbort);
    return true;
  };

  const pending: PendingRequest = {
    item,
    url,
    signal,
    settled: false,
    fulfil: (value) => {
      if (finish()) resolve(value);
    },
    fail: (reason) => {
      if (finish()) reject(reason);
    },
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return pending;
}

function failAll(chunk: PendingRequest[], error: unknown): void {
  for (const pending of chunk) {
    pending.fail(error);
  }
}

/** Resolves an item path, which must be relative to the version root because `$batch` only accepts those. */
function resolveItemUrl(baseUrl: string, path: string): URL {
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new Error(`Invalid batchable path "${path}"; use a path under /beta that starts with one "/".`);
  }
  return resolveGraphUrl(baseUrl, path);
}

/** Sorted, so the same scopes in another order share a window. */
function scopeKey(scopes: string[]): string {
  return [...scopes].sort().join(' ');
}

/** Splits into the fewest chunks of at most 20, with sizes differing by at most one, so no chunk is left with a lone request. */
function splitIntoChunks<T>(items: T[]): T[][] {
  const count = Math.ceil(items.length / MAX_BATCH_REQUESTS);
  const chunks: T[][] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((index * items.length) / count);
    const end = Math.floor(((index + 1) * items.length) / count);
    chunks.push(items.slice(start, end));
  }
  return chunks;
}

function batchItemId(index: number): string {
  return String(index + 1);
}

function toBatchItem(id: string, item: BatchableRequest) {
  const headers: Record<string, string> = {};
  if (item.includeUnknownEnumMembers === true) {
    headers.Prefer = 'include-unknown-enum-members';
  }
  return { id, method: 'GET', url: item.path, headers };
}

/** Indexes a `{ responses: [...] }` body by item id. Returns null for any other body. */
function readBatchResponses(body: unknown): Map<string, Record<string, unknown>> | null {
  if (!isRecord(body) || !Array.isArray(body.responses)) {
    return null;
  }

  const responses = new Map<string, Record<string, unknown>>();
  for (const response of body.responses as unknown[]) {
    if (isRecord(response) && typeof response.id === 'string') {
      responses.set(response.id, response);
    }
  }
  return responses;
}

/** Settles one request from its item in the batch response, which carries the real status of that request. */
function settleFromBatch(pending: PendingRequest, response: Record<string, unknown> | undefined, clientRequestId: string): void {
  const context: GraphCallContext = { clientRequestId, path: pending.url.pathname };
  if (response === undefined || typeof response.status !== 'number') {
    pending.fail(createGraphFailure('malformed', context));
    return;
  }

  const status = response.status;
  const headers = isRecord(response.headers) ? response.headers : {};
  const headerRequestId = readItemHeader(headers, 'request-id');
  if (status >= 200 && status < 300) {
    if (isRecord(response.body)) {
      pending.fulfil(response.body);
    } else {
      pending.fail(createGraphFailure('malformed', context, { status, requestId: headerRequestId }));
    }
    return;
  }

  const envelope = readErrorEnvelope(response.body);
  pending.fail(
    createGraphFailure('http', context, {
      status,
      code: envelope.code,
      graphMessage: envelope.message,
      requestId: envelope.requestId ?? headerRequestId,
      retryAfterMs: parseRetryAfterMs(readItemHeader(headers, 'Retry-After')),
    }),
  );
}

/**
 * Reads a header of a batch item, whose headers are a JSON object. Unlike a top-level
 * response, `Retry-After` is readable here, as a string or a number of seconds.
 */
function readItemHeader(headers: Record<string, unknown>, name: string): string | null {
  const lowerName = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lowerName && (typeof value === 'string' || typeof value === 'number')) {
      return String(value);
    }
  }
  return null;
}
