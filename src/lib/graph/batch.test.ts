import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createBatcher, MAX_BATCH_REQUESTS, type BatchableRequest, type BatcherSettings } from './batch';
import { GraphError } from './graph-error';

const BASE_URL = 'https://graph.test';
const SCOPES = ['EduAdministration.Read'];
const TIMEOUT_MS = 30_000;
const WINDOW_MS = 10;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
}

interface ItemResult {
  status: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Items of a `$batch` POST body, or none for a GET. */
  items: BatchItem[];
  signal: AbortSignal | undefined;
}

type Responder = (call: RecordedCall) => Response | Promise<Response>;

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A success body that names the request, so each caller can check it got its own response. */
function echoBody(relativeUrl: string): Record<string, unknown> {
  return { echo: relativeUrl };
}

function isBatchCall(call: RecordedCall): boolean {
  return call.method === 'POST' && call.url === `${BASE_URL}/beta/$batch`;
}

/** Relative URL of a plain GET, as a batch item would carry it. */
function relativeUrlOf(call: RecordedCall): string {
  const url = new URL(call.url);
  return `${url.pathname.replace(/^\/beta/, '')}${decodeURIComponent(url.search)}`;
}

/** Responds to each batch item with `respondToItem` and returns the responses in reverse order, as the emulator does. */
function batchResponse(call: RecordedCall, respondToItem: (item: BatchItem) => ItemResult = (item) => ({ status: 200, body: echoBody(item.url) })): Response {
  const responses = call.items.map((item) => ({ id: item.id, headers: {}, ...respondToItem(item) }));
  return jsonResponse(200, { responses: responses.reverse() });
}

const respondLikeGraph: Responder = (call) => (isBatchCall(call) ? batchResponse(call) : jsonResponse(200, echoBody(relativeUrlOf(call))));

/** A fake `fetch` that records every call and responds through `responder`. */
function createFakeGraph(responder: Responder = respondLikeGraph) {
  const calls: RecordedCall[] = [];
  const fetchFunction = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const parsed = typeof init.body === 'string' ? (JSON.parse(init.body) as { requests: BatchItem[] }) : { requests: [] };
    const call: RecordedCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      items: parsed.requests,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    if (call.signal?.aborted === true) {
      throw call.signal.reason;
    }
    return responder(call);
  };
  return { calls, fetch: fetchFunction as typeof fetch };
}

/** A responder whose response waits until the call's signal aborts, like a server that never replies. */
const neverRespond: Responder = (call) =>
  new Promise<Response>((_, reject) => {
    call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
  });

function statusRequest(index: number, extra: Partial<BatchableRequest> = {}): BatchableRequest {
  return { path: `/education/synchronizationProfiles/profile-${index}/profileStatus`, scopes: SCOPES, ...extra };
}

const getToken = async (scopes: string[]) => `token-for ${scopes.join(' ')}`;

function createTestBatcher(fetchFunction: typeof fetch, overrides: Partial<BatcherSettings> = {}) {
  return createBatcher({ baseUrl: BASE_URL, getToken, timeoutMs: TIMEOUT_MS, fetch: fetchFunction, windowMs: WINDOW_MS, ...overrides });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}

function asGraphError(error: unknown): GraphError {
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

/** Returns the rejection reason of a settled result, failing the test when it was fulfilled. */
function reasonOf(result: PromiseSettledResult<unknown> | undefined): unknown {
  expect(result?.status).toBe('rejected');
  return (result as PromiseRejectedResult).reason;
}

function valueOf(result: PromiseSettledResult<unknown> | undefined): unknown {
  expect(result?.status).toBe('fulfilled');
  return (result as PromiseFulfilledResult<unknown>).value;
}

/** Sends `count` status requests in one window and returns the callers' results. */
async function requestMany(batcher: ReturnType<typeof createBatcher>, count: number): Promise<unknown[]> {
  const pending = Array.from({ length: count }, (_, index) => batcher.request(statusRequest(index)));
  await vi.advanceTimersByTimeAsync(WINDOW_MS);
  return Promise.all(pending);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBatcher coalescing', () => {
  it.each([
    [1, 1],
    [2, 1],
    [20, 1],
    [21, 2],
    [40, 2],
    [45, 3],
  ])('sends %i requests in %i calls', async (count, expectedCalls) => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const results = await requestMany(batcher, count);

    expect(graph.calls).toHaveLength(expectedCalls);
    results.forEach((result, index) => {
      expect(result).toEqual(echoBody(statusRequest(index).path));
    });
    expect(batcher.stats().itemsSent).toBe(count);
  });

  it('keeps every batch within the limit', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    await requestMany(batcher, 45);

    const sizes = graph.calls.map((call) => call.items.length);
    expect(sizes.every((size) => size <= MAX_BATCH_REQUESTS)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(45);
    expect(batcher.stats()).toEqual({ batchCalls: 3, singleCalls: 0, itemsSent: 45 });
  });

  it('sends no chunk with a lone request', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    await requestMany(batcher, 21);

    expect(graph.calls.every(isBatchCall)).toBe(true);
    expect(graph.calls.map((call) => call.items.length).sort()).toEqual([10, 11]);
  });

  it('sends a lone request as a plain GET', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const result = batcher.request(statusRequest(7, { path: '/education/synchronizationProfiles?$top=5', includeUnknownEnumMembers: true }));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(await result).toEqual(echoBody('/education/synchronizationProfiles?$top=5'));
    expect(graph.calls).toHaveLength(1);
    const call = graph.calls[0]!;
    expect(call.method).toBe('GET');
    expect(call.url).toBe(`${BASE_URL}/beta/education/synchronizationProfiles?$top=5`);
    expect(call.headers.authorization).toBe('Bearer token-for EduAdministration.Read');
    expect(call.headers.accept).toBe('application/json');
    expect(call.headers.prefer).toBe('include-unknown-enum-members');
    expect(call.headers['client-request-id']).toMatch(UUID_PATTERN);
    expect(batcher.stats()).toEqual({ batchCalls: 0, singleCalls: 1, itemsSent: 1 });
  });

  it('waits for the window before sending', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const first = batcher.request(statusRequest(1));
    await vi.advanceTimersByTimeAsync(WINDOW_MS - 1);
    expect(graph.calls).toHaveLength(0);
    const second = batcher.request(statusRequest(2));
    await vi.advanceTimersByTimeAsync(1);

    await Promise.all([first, second]);
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]!.items).toHaveLength(2);
  });

  it('starts a new window after sending', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const early = [batcher.request(statusRequest(1)), batcher.request(statusRequest(2))];
    await vi.advanceTimersByTimeAsync(5);
    early.push(batcher.request(statusRequest(3)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const late = batcher.request(statusRequest(4));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    await Promise.all([...early, late]);
    expect(graph.calls.map((call) => (isBatchCall(call) ? call.items.length : 'GET'))).toEqual([3, 'GET']);
  });

  it('keeps different scopes apart', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);
    const otherScopes = ['IndustryData.ReadBasic.All'];

    const results = [
      batcher.request(statusRequest(1)),
      batcher.request(statusRequest(2, { scopes: otherScopes })),
      batcher.request(statusRequest(3)),
      batcher.request(statusRequest(4, { scopes: otherScopes })),
    ];
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    await Promise.all(results);

    expect(graph.calls).toHaveLength(2);
    const byToken = new Map(graph.calls.map((call) => [call.headers.authorization, call.items.map((item) => item.url)]));
    expect(byToken.get('Bearer token-for EduAdministration.Read')).toEqual([statusRequest(1).path, statusRequest(3).path]);
    expect(byToken.get('Bearer token-for IndustryData.ReadBasic.All')).toEqual([statusRequest(2).path, statusRequest(4).path]);
  });

  it('shares a window across scope order', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const results = [
      batcher.request(statusRequest(1, { scopes: ['A.Read', 'B.Read'] })),
      batcher.request(statusRequest(2, { scopes: ['B.Read', 'A.Read'] })),
    ];
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    await Promise.all(results);

    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]!.items).toHaveLength(2);
  });
});

describe('createBatcher request body', () => {
  it('gives items unique string ids', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    await requestMany(batcher, 45);

    for (const call of graph.calls) {
      const ids = call.items.map((item) => item.id);
      expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
      expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
    }
  });

  it('builds relative GET items', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    const results = [
      batcher.request(statusRequest(1, { includeUnknownEnumMembers: true })),
      batcher.request(statusRequest(2, { path: '/education/synchronizationProfiles/profile-2/errors?$top=10' })),
    ];
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    await Promise.all(results);

    const [first, second] = graph.calls[0]!.items;
    expect(first).toMatchObject({ method: 'GET', url: statusRequest(1).path, headers: { Prefer: 'include-unknown-enum-members' } });
    expect(second).toMatchObject({ method: 'GET', url: '/education/synchronizationProfiles/profile-2/errors?$top=10' });
    expect(second!.headers.Prefer).toBeUndefined();
  });

  it('sends outer headers with fresh request ids', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    await requestMany(batcher, 45);

    const requestIds = graph.calls.map((call) => call.headers['client-request-id']);
    for (const call of graph.calls) {
      expect(call.method).toBe('POST');
      expect(call.url).toBe(`${BASE_URL}/beta/$batch`);
      expect(call.headers.authorization).toBe('Bearer token-for EduAdministration.Read');
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['client-request-id']).toMatch(UUID_PATTERN);
    }
    expect(new Set(requestIds).size).toBe(graph.calls.length);
  });

  it('rejects a path outside the version root', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);

    for (const path of ['education/synchronizationProfiles', '//other.test/beta/me', 'https://other.test/beta/me']) {
      const error = await rejectionOf(batcher.request(statusRequest(1, { path })));
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(path);
    }
    expect(graph.calls).toHaveLength(0);
  });
});

describe('createBatcher responses', () => {
  it('matches shuffled responses by id', async () => {
    const graph = createFakeGraph((call) => {
      const responses = call.items.map((item) => ({ id: item.id, status: 200, headers: {}, body: echoBody(item.url) }));
      const shuffled = [...responses.filter((_, index) => index % 2 === 1), ...responses.filter((_, index) => index % 2 === 0).reverse()];
      return jsonResponse(200, { responses: shuffled });
    });
    const batcher = createTestBatcher(graph.fetch);

    const results = await requestMany(batcher, 7);

    results.forEach((result, index) => {
      expect(result).toEqual(echoBody(statusRequest(index).path));
    });
  });

  it('maps item errors to GraphError', async () => {
    const itemResults: Record<string, ItemResult> = {
      [statusRequest(0).path]: { status: 200, body: { id: 'profile-0', status: 'success' } },
      [statusRequest(1).path]: {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
        body: { error: { code: 'itemNotFound', message: 'The resource could not be found.', innerError: { 'request-id': 'request-404' } } },
      },
      [statusRequest(2).path]: {
        status: 429,
        headers: { 'Retry-After': '10' },
        body: { error: { code: 'TooManyRequests', message: 'Please retry again later.', innerError: { 'request-id': 'request-429' } } },
      },
      [statusRequest(3).path]: { status: 429, headers: { 'retry-after': 0.249, 'request-id': 'header-request' }, body: { error: { code: 'TooManyRequests' } } },
      [statusRequest(4).path]: { status: 429, headers: {}, body: { error: { code: 'TooManyRequests' } } },
    };
    const graph = createFakeGraph((call) => batchResponse(call, (item) => itemResults[item.url]!));
    const batcher = createTestBatcher(graph.fetch);

    const settled = Promise.allSettled(Array.from({ length: 5 }, (_, index) => batcher.request(statusRequest(index))));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const results = await settled;
    const clientRequestId = graph.calls[0]!.headers['client-request-id'];

    expect(valueOf(results[0])).toEqual({ id: 'profile-0', status: 'success' });

    const notFound = asGraphError(reasonOf(results[1]));
    expect(notFound.kind).toBe('http');
    expect(notFound.status).toBe(404);
    expect(notFound.code).toBe('itemNotFound');
    expect(notFound.graphMessage).toBe('The resource could not be found.');
    expect(notFound.requestId).toBe('request-404');
    expect(notFound.clientRequestId).toBe(clientRequestId);
    expect(notFound.retryAfterMs).toBeNull();
    expect(notFound.path).toBe('/beta/education/synchronizationProfiles/profile-1/profileStatus');

    const throttledInteger = asGraphError(reasonOf(results[2]));
    expect(throttledInteger.status).toBe(429);
    expect(throttledInteger.code).toBe('TooManyRequests');
    expect(throttledInteger.requestId).toBe('request-429');
    expect(throttledInteger.retryAfterMs).toBe(10_000);

    const throttledDecimal = asGraphError(reasonOf(results[3]));
    expect(throttledDecimal.retryAfterMs).toBe(249);
    expect(throttledDecimal.requestId).toBe('header-request');

    const throttledBare = asGraphError(reasonOf(results[4]));
    expect(throttledBare.status).toBe(429);
    expect(throttledBare.retryAfterMs).toBeNull();
    expect(throttledBare.requestId).toBeNull();
  });

  it('rejects a missing item as malformed', async () => {
    const graph = createFakeGraph((call) => jsonResponse(200, { responses: [{ id: call.items[0]!.id, status: 200, body: echoBody(call.items[0]!.url) }] }));
    const batcher = createTestBatcher(graph.fetch);

    const settled = Promise.allSettled([batcher.request(statusRequest(1)), batcher.request(statusRequest(2))]);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const results = await settled;

    expect(valueOf(results[0])).toEqual(echoBody(statusRequest(1).path));
    const missing = asGraphError(reasonOf(results[1]));
    expect(missing.kind).toBe('malformed');
    expect(missing.path).toBe('/beta/education/synchronizationProfiles/profile-2/profileStatus');
    expect(missing.clientRequestId).toBe(graph.calls[0]!.headers['client-request-id']);
    expect(batcher.stats().singleCalls).toBe(0);
  });

  it('rejects a non-object success body', async () => {
    const graph = createFakeGraph((call) => batchResponse(call, (item) => (item.id === '1' ? { status: 200, body: 'eyJub3QiOiJqc29uIn0=' } : { status: 200, body: echoBody(item.url) })));
    const batcher = createTestBatcher(graph.fetch);

    const settled = Promise.allSettled([batcher.request(statusRequest(1)), batcher.request(statusRequest(2))]);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const results = await settled;

    const malformed = asGraphError(reasonOf(results[0]));
    expect(malformed.kind).toBe('malformed');
    expect(malformed.status).toBe(200);
    expect(valueOf(results[1])).toEqual(echoBody(statusRequest(2).path));
  });
});

describe('createBatcher fallback', () => {
  /** Responds to `$batch` with `failBatch` and to plain GETs like Graph. */
  function failingBatchGraph(failBatch: Responder) {
    return createFakeGraph((call) => (isBatchCall(call) ? failBatch(call) : respondLikeGraph(call)));
  }

  async function expectSinglesAfterBatch(graph: ReturnType<typeof createFakeGraph>, batcher: ReturnType<typeof createBatcher>, results: unknown[]) {
    results.forEach((result, index) => {
      expect(result).toEqual(echoBody(statusRequest(index).path));
    });
    expect(isBatchCall(graph.calls[0]!)).toBe(true);
    const singles = graph.calls.slice(1);
    expect(singles.every((call) => call.method === 'GET')).toBe(true);
    expect(singles.map(relativeUrlOf).sort()).toEqual(results.map((_, index) => statusRequest(index).path).sort());
    expect(batcher.stats()).toEqual({ batchCalls: 1, singleCalls: 3, itemsSent: 6 });
  }

  it('sends singles after an outer 400', async () => {
    const graph = failingBatchGraph(() => jsonResponse(400, { error: { code: 'BadRequest', message: 'Invalid batch payload.' } }));
    const batcher = createTestBatcher(graph.fetch);

    await expectSinglesAfterBatch(graph, batcher, await requestMany(batcher, 3));
  });

  it('sends singles after an outer error status', async () => {
    const graph = failingBatchGraph((call) => jsonResponse(502, { responses: call.items.map((item) => ({ id: item.id, status: 200, body: {} })) }));
    const batcher = createTestBatcher(graph.fetch);

    await expectSinglesAfterBatch(graph, batcher, await requestMany(batcher, 3));
  });

  it.each([429, 503])('rejects every item after an outer %i', async (status) => {
    const graph = failingBatchGraph(() => jsonResponse(status, { error: { code: 'TooManyRequests', message: 'Please retry again later.' } }));
    const batcher = createTestBatcher(graph.fetch);

    const pending = Array.from({ length: 3 }, (_, index) => batcher.request(statusRequest(index)).catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    const errors = await Promise.all(pending);

    for (const error of errors) {
      expect(error).toBeInstanceOf(GraphError);
      expect((error as GraphError).status).toBe(status);
      expect((error as GraphError).retryAfterMs).toBeNull();
    }
    expect(graph.calls).toHaveLength(1);
    expect(batcher.stats()).toEqual({ batchCalls: 1, singleCalls: 0, itemsSent: 3 });
  });

  it.each([
    ['a body without responses', () => jsonResponse(200, { value: [] })],
    ['responses that are not an array', () => jsonResponse(200, { responses: {} })],
    ['a body that is not JSON', () => new Response('<html>gateway</html>', { status: 200 })],
  ])('sends singles after %s', async (_, answer: () => Response) => {
    const graph = failingBatchGraph(answer);
    const batcher = createTestBatcher(graph.fetch);

    await expectSinglesAfterBatch(graph, batcher, await requestMany(batcher, 3));
  });

  it('sends singles after a network failure', async () => {
    const graph = failingBatchGraph(() => Promise.reject(new TypeError('Failed to fetch')));
    const batcher = createTestBatcher(graph.fetch);

    await expectSinglesAfterBatch(graph, batcher, await requestMany(batcher, 3));
  });

  it('sends singles after the batch times out', async () => {
    const graph = failingBatchGraph(neverRespond);
    const batcher = createTestBatcher(graph.fetch);

    const pending = Array.from({ length: 3 }, (_, index) => batcher.request(statusRequest(index)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(graph.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(graph.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    await expectSinglesAfterBatch(graph, batcher, await Promise.all(pending));
  });

  it('keeps item errors without fallback', async () => {
    const graph = createFakeGraph((call) => batchResponse(call, () => ({ status: 503, headers: { 'Retry-After': '3' }, body: {} })));
    const batcher = createTestBatcher(graph.fetch);

    const errors = Promise.all([batcher.request(statusRequest(1)), batcher.request(statusRequest(2))].map(rejectionOf));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    for (const rejection of await errors) {
      const error = asGraphError(rejection);
      expect(error.status).toBe(503);
      expect(error.retryAfterMs).toBe(3000);
    }
    expect(graph.calls).toHaveLength(1);
  });
});

describe('createBatcher single GET', () => {
  it('maps an error status to GraphError', async () => {
    const graph = createFakeGraph(() =>
      jsonResponse(403, { error: { code: 'accessDenied', message: 'Denied.', innerError: { 'request-id': 'body-id' } } }, { 'request-id': 'header-id', 'Retry-After': '2.128' }),
    );
    const batcher = createTestBatcher(graph.fetch);

    const rejection = rejectionOf(batcher.request(statusRequest(1)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    const error = asGraphError(await rejection);
    expect(error.kind).toBe('http');
    expect(error.status).toBe(403);
    expect(error.code).toBe('accessDenied');
    expect(error.graphMessage).toBe('Denied.');
    expect(error.requestId).toBe('header-id');
    expect(error.retryAfterMs).toBe(2128);
    expect(error.clientRequestId).toBe(graph.calls[0]!.headers['client-request-id']);
    expect(error.path).toBe('/beta/education/synchronizationProfiles/profile-1/profileStatus');
  });

  it('rejects a non-object body as malformed', async () => {
    const graph = createFakeGraph(() => jsonResponse(200, ['not', 'an', 'object']));
    const batcher = createTestBatcher(graph.fetch);

    const rejection = rejectionOf(batcher.request(statusRequest(1)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    const error = asGraphError(await rejection);
    expect(error.kind).toBe('malformed');
    expect(error.status).toBe(200);
  });

  it('reports a network failure', async () => {
    const graph = createFakeGraph(() => Promise.reject(new TypeError('Failed to fetch')));
    const batcher = createTestBatcher(graph.fetch);

    const rejection = rejectionOf(batcher.request(statusRequest(1)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    const error = asGraphError(await rejection);
    expect(error.kind).toBe('network');
    expect(error.status).toBeNull();
  });

  it('reports a timeout', async () => {
    const graph = createFakeGraph(neverRespond);
    const batcher = createTestBatcher(graph.fetch);

    const rejection = rejectionOf(batcher.request(statusRequest(1)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS + TIMEOUT_MS);

    const error = asGraphError(await rejection);
    expect(error.kind).toBe('timeout');
    expect(error.status).toBeNull();
  });

  it('rejects every request when the token fails', async () => {
    const tokenError = new Error('Token request failed (sessionExpired).');
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch, { getToken: () => Promise.reject(tokenError) });

    const results = [batcher.request(statusRequest(1)), batcher.request(statusRequest(2))];
    const errors = Promise.all(results.map(rejectionOf));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(await errors).toEqual([tokenError, tokenError]);
    expect(graph.calls).toHaveLength(0);
  });
});

describe('createBatcher abort', () => {
  it('rejects an aborted signal at once', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);
    const reason = new DOMException('Query cancelled.', 'AbortError');

    const error = await rejectionOf(batcher.request(statusRequest(1), AbortSignal.abort(reason)));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(error).toBe(reason);
    expect(graph.calls).toHaveLength(0);
  });

  it('removes a request aborted before sending', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();
    const reason = new DOMException('Query cancelled.', 'AbortError');

    const remaining = [batcher.request(statusRequest(1)), batcher.request(statusRequest(3))];
    const aborted = rejectionOf(batcher.request(statusRequest(2), controller.signal));
    await vi.advanceTimersByTimeAsync(5);
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(await Promise.all(remaining)).toEqual([echoBody(statusRequest(1).path), echoBody(statusRequest(3).path)]);
    expect(graph.calls[0]!.items.map((item) => item.url)).toEqual([statusRequest(1).path, statusRequest(3).path]);
    expect(batcher.stats()).toEqual({ batchCalls: 1, singleCalls: 0, itemsSent: 2 });
  });

  it('sends a plain GET when one request remains', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();

    const remaining = batcher.request(statusRequest(1));
    const aborted = rejectionOf(batcher.request(statusRequest(2), controller.signal));
    controller.abort();
    await aborted;
    await vi.advanceTimersByTimeAsync(WINDOW_MS);

    expect(await remaining).toEqual(echoBody(statusRequest(1).path));
    expect(graph.calls.map((call) => call.method)).toEqual(['GET']);
  });

  it('sends nothing when every request aborts', async () => {
    const graph = createFakeGraph();
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();

    const aborted = [batcher.request(statusRequest(1), controller.signal), batcher.request(statusRequest(2), controller.signal)].map(rejectionOf);
    controller.abort();
    await Promise.all(aborted);

    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(WINDOW_MS * 3);
    expect(graph.calls).toHaveLength(0);
  });

  it('rejects only the aborted caller after sending', async () => {
    let answerBatch: (() => void) | undefined;
    const graph = createFakeGraph(
      (call) =>
        new Promise<Response>((resolve) => {
          answerBatch = () => resolve(batchResponse(call));
        }),
    );
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();
    const reason = new DOMException('Query cancelled.', 'AbortError');

    const remaining = [batcher.request(statusRequest(1)), batcher.request(statusRequest(3))];
    const aborted = rejectionOf(batcher.request(statusRequest(2), controller.signal));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(graph.calls[0]!.items).toHaveLength(3);
    controller.abort(reason);

    expect(await aborted).toBe(reason);
    answerBatch!();
    expect(await Promise.all(remaining)).toEqual([echoBody(statusRequest(1).path), echoBody(statusRequest(3).path)]);
  });

  it('cancels a single GET on abort', async () => {
    const graph = createFakeGraph(neverRespond);
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();
    const reason = new DOMException('Query cancelled.', 'AbortError');

    const aborted = rejectionOf(batcher.request(statusRequest(1), controller.signal));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    controller.abort(reason);

    expect(await aborted).toBe(reason);
    expect(graph.calls[0]!.signal?.aborted).toBe(true);
  });

  it('skips aborted requests in the fallback', async () => {
    let failBatch: (() => void) | undefined;
    const graph = createFakeGraph((call) =>
      isBatchCall(call)
        ? new Promise<Response>((resolve) => {
            failBatch = () => resolve(jsonResponse(500, {}));
          })
        : respondLikeGraph(call),
    );
    const batcher = createTestBatcher(graph.fetch);
    const controller = new AbortController();

    const remaining = [batcher.request(statusRequest(1)), batcher.request(statusRequest(3))];
    const aborted = rejectionOf(batcher.request(statusRequest(2), controller.signal));
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    controller.abort();
    await aborted;
    failBatch!();

    expect(await Promise.all(remaining)).toEqual([echoBody(statusRequest(1).path), echoBody(statusRequest(3).path)]);
    expect(graph.calls.slice(1).map(relativeUrlOf).sort()).toEqual([statusRequest(1).path, statusRequest(3).path]);
  });
});
