import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { SessionStore } from '@/lib/auth/session-store';
import type { TokenOptions } from '@/lib/auth/token';

import { createGraphClient, type GraphClient } from './client';
import { GraphError } from './graph-error';

const BASE_URL = 'https://graph.test';
const SCOPES = ['https://graph.microsoft.com/EduAdministration.Read'];
const START = new Date('2026-03-02T09:00:00.000Z').getTime();
/** How long a forced token refresh takes in these tests, in ms of fake time. */
const REFRESH_MS = 200;
/** Longer than the batcher's 10 ms window, so every request queued before it has been sent. */
const SETTLE_MS = 50;

/** One request as the fake Graph saw it: a plain GET, or one item of a `$batch`. */
interface SeenRequest {
  /** URL relative to `/beta`, with its query, as a batch item carries it. */
  url: string;
  token: string;
  insideBatch: boolean;
}

interface GraphReply {
  status: number;
  body: unknown;
}

type Handler = (request: SeenRequest) => GraphReply;

interface BatchItem {
  id: string;
  url: string;
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function unauthorized(): GraphReply {
  return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } } };
}

/**
 * A fake Graph root behind a fake `fetch`: responds to plain GETs and `$batch` POSTs through
 * `handler`, and records every HTTP call and every request, batched or not.
 */
function createFakeGraph(handler: Handler) {
  const httpCalls: { method: string; url: string; authorization: string | null }[] = [];
  const requests: SeenRequest[] = [];

  const fetchFunction = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const authorization = new Headers(init.headers).get('Authorization');
    const method = init.method ?? 'GET';
    httpCalls.push({ method, url: url.href, authorization });
    const token = authorization?.replace(/^Bearer /, '') ?? '';

    if (method === 'POST' && url.pathname === '/beta/$batch') {
      const items = (JSON.parse(String(init.body)) as { requests: BatchItem[] }).requests;
      const responses = items.map((item) => {
        const request = { url: item.url, token, insideBatch: true };
        requests.push(request);
        return { id: item.id, headers: {}, ...handler(request) };
      });
      return jsonResponse(200, { responses: responses.reverse() });
    }

    const request = { url: `${url.pathname.replace(/^\/beta/, '')}${decodeURIComponent(url.search)}`, token, insideBatch: false };
    requests.push(request);
    const reply = handler(request);
    return jsonResponse(reply.status, reply.body);
  };

  return { httpCalls, requests, fetch: fetchFunction as typeof fetch };
}

/**
 * A token function like the app's: cached calls return the current token, and a forced
 * refresh takes REFRESH_MS before the next token replaces it.
 */
function createTokenSource() {
  let version = 1;
  const calls: { scopes: string[]; options: TokenOptions | undefined }[] = [];
  const getToken = vi.fn(async (scopes: string[], options?: TokenOptions) => {
    calls.push({ scopes, options });
    if (options?.forceRefresh === true) {
      await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
      version += 1;
    }
    return `token-${version}`;
  });
  return {
    getToken,
    forcedRefreshes: () => calls.filter((call) => call.options?.forceRefresh === true).length,
  };
}

function statusPath(index: number): string {
  return `/education/synchronizationProfiles/profile-${index}/profileStatus`;
}

function createClient(fetchFunction: typeof fetch, tokens: ReturnType<typeof createTokenSource>, batching: boolean) {
  const session = new SessionStore();
  const client = createGraphClient({ baseUrl: BASE_URL, getToken: tokens.getToken, timeoutMs: 30_000, batching, session, fetch: fetchFunction });
  return { client, session };
}

/** Starts every promise, lets fake time run until they have all settled, and returns their results. */
async function settle<T>(promises: Promise<T>[], milliseconds = REFRESH_MS + SETTLE_MS): Promise<PromiseSettledResult<T>[]> {
  const results = Promise.allSettled(promises);
  await vi.advanceTimersByTimeAsync(milliseconds);
  return results;
}

function getStatus(client: GraphClient, index: number): Promise<unknown> {
  return client.get(statusPath(index), { scopes: SCOPES });
}

function reasonOf(result: PromiseSettledResult<unknown> | undefined): unknown {
  expect(result?.status).toBe('rejected');
  return (result as PromiseRejectedResult).reason;
}

function valueOf(result: PromiseSettledResult<unknown> | undefined): unknown {
  expect(result?.status).toBe('fulfilled');
  return (result as PromiseFulfilledResult<unknown>).value;
}

/** Graph that rejects every token but `acceptedToken`, and echoes the URL otherwise. */
function acceptOnly(acceptedToken: string): Handler {
  return (request) => (request.token === acceptedToken ? { status: 200, body: { url: request.url } } : unauthorized());
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});

afterEach(() => {
  vi.useRealTimers();
});

describe.each([
  ['batching on', true],
  ['batching off', false],
])('createGraphClient 401 handling with %s', (_label, batching) => {
  it('refreshes the token once and retries', async () => {
    const graph = createFakeGraph(acceptOnly('token-2'));
    const tokens = createTokenSource();
    const { client, session } = createClient(graph.fetch, tokens, batching);

    const [result] = await settle([getStatus(client, 1)]);

    expect(valueOf(result)).toEqual({ url: statusPath(1) });
    expect(tokens.forcedRefreshes()).toBe(1);
    expect(graph.requests.map((request) => request.token)).toEqual(['token-1', 'token-2']);
    expect(session.getSnapshot()).toBeNull();
  });

  it('reports tokenRejected when the renewed token fails too', async () => {
    const graph = createFakeGraph(() => unauthorized());
    const tokens = createTokenSource();
    const { client, session } = createClient(graph.fetch, tokens, batching);

    const [result] = await settle([getStatus(client, 1)]);

    const error = reasonOf(result);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(401);
    expect(tokens.forcedRefreshes()).toBe(1);
    expect(graph.requests).toHaveLength(2);
    const problem = session.getSnapshot();
    expect(problem?.kind).toBe('tokenRejected');
    expect(problem?.msalCode).toBe('InvalidAuthenticationToken');
    expect(problem?.since).toBeGreaterThanOrEqual(START + REFRESH_MS);
    expect(problem?.since).toBeLessThan(START + REFRESH_MS + SETTLE_MS);

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(graph.requests).toHaveLength(2);
  });

  it('shares one forced refresh among many concurrent 401s', async () => {
    const graph = createFakeGraph(acceptOnly('token-2'));
    const tokens = createTokenSource();
    const { client, session } = createClient(graph.fetch, tokens, batching);
    const count = 30;

    const results = await settle(Array.from({ length: count }, (_, index) => getStatus(client, index)));

    results.forEach((result, index) => expect(valueOf(result)).toEqual({ url: statusPath(index) }));
    expect(tokens.forcedRefreshes()).toBe(1);
    for (let index = 0; index < count; index += 1) {
      const tokensSent = graph.requests.filter((request) => request.url === statusPath(index)).map((request) => request.token);
      expect(tokensSent).toEqual(['token-1', 'token-2']);
    }
    expect(session.getSnapshot()).toBeNull();
  });

  it('forces no second refresh within the 60 s cooldown', async () => {
    let accepted = 'token-2';
    const graph = createFakeGraph((request) => acceptOnly(accepted)(request));
    const tokens = createTokenSource();
    const { client, session } = createClient(graph.fetch, tokens, batching);
    await settle([getStatus(client, 1)]);
    expect(tokens.forcedRefreshes()).toBe(1);

    accepted = 'token-3';
    await vi.advanceTimersByTimeAsync(30_000);
    const [withinCooldown] = await settle([getStatus(client, 2)]);

    expect((reasonOf(withinCooldown) as GraphError).status).toBe(401);
    expect(tokens.forcedRefreshes()).toBe(1);
    expect(session.getSnapshot()?.kind).toBe('tokenRejected');

    session.clear();
    await vi.advanceTimersByTimeAsync(30_000);
    const [afterCooldown] = await settle([getStatus(client, 3)]);

    expect(valueOf(afterCooldown)).toEqual({ url: statusPath(3) });
    expect(tokens.forcedRefreshes()).toBe(2);
    expect(session.getSnapshot()).toBeNull();
  });

  it.each([403, 404, 429, 500])('does not refresh the token after a %i', async (status) => {
    const graph = createFakeGraph(() => ({ status, body: { error: { code: 'someCode', message: 'Injected.' } } }));
    const tokens = createTokenSource();
    const { client, session } = createClient(graph.fetch, tokens, batching);

    const [result] = await settle([getStatus(client, 1)]);

    expect((reasonOf(result) as GraphError).status).toBe(status);
    expect(tokens.forcedRefreshes()).toBe(0);
    expect(graph.requests).toHaveLength(1);
    expect(session.getSnapshot()).toBeNull();
  });
});

describe('createGraphClient batching', () => {
  it('sends concurrent requests as $batch calls of at most 20', async () => {
    const graph = createFakeGraph((request) => ({ status: 200, body: { url: request.url } }));
    const { client } = createClient(graph.fetch, createTokenSource(), true);

    const results = await settle(Array.from({ length: 25 }, (_, index) => getStatus(client, index)));

    results.forEach((result, index) => expect(valueOf(result)).toEqual({ url: statusPath(index) }));
    expect(graph.httpCalls.map((call) => `${call.method} ${call.url}`)).toEqual([`POST ${BASE_URL}/beta/$batch`, `POST ${BASE_URL}/beta/$batch`]);
    expect(graph.requests.every((request) => request.insideBatch)).toBe(true);
    expect(client.stats()).toEqual({ batchCalls: 2, singleCalls: 0, itemsSent: 25 });
  });

  it('sends one plain GET per request when batching is off', async () => {
    const graph = createFakeGraph((request) => ({ status: 200, body: { url: request.url } }));
    const { client } = createClient(graph.fetch, createTokenSource(), false);

    const results = await settle(Array.from({ length: 25 }, (_, index) => getStatus(client, index)));

    results.forEach((result, index) => expect(valueOf(result)).toEqual({ url: statusPath(index) }));
    expect(graph.httpCalls).toHaveLength(25);
    expect(graph.httpCalls.every((call) => call.method === 'GET')).toBe(true);
    expect(client.stats()).toEqual({ batchCalls: 0, singleCalls: 25, itemsSent: 25 });
  });

  it('sends the token with every call', async () => {
    const graph = createFakeGraph((request) => ({ status: 200, body: { url: request.url } }));
    const { client } = createClient(graph.fetch, createTokenSource(), true);

    await settle([...Array.from({ length: 3 }, (_, index) => getStatus(client, index))]);
    await settle([getStatus(client, 4)]);

    expect(graph.httpCalls).toHaveLength(2);
    expect(graph.httpCalls.map((call) => call.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
  });
});

/** Graph that serves `pages` pages for each collection path, linking them with absolute `@odata.nextLink`s. */
function pagedCollections(pages: number, nextLinkOrigin = `${BASE_URL}/beta`): Handler {
  return (request) => {
    const url = new URL(request.url, 'https://relative.invalid');
    const page = Number(url.searchParams.get('$skip') ?? '0');
    const body: Record<string, unknown> = { value: [`${url.pathname}#${page}`] };
    if (page + 1 < pages) {
      body['@odata.nextLink'] = `${nextLinkOrigin}${url.pathname}?$skip=${page + 1}`;
    }
    return { status: 200, body };
  };
}

describe('createGraphClient paging', () => {
  it('follows nextLink pages of two collections in shared batches', async () => {
    const graph = createFakeGraph(pagedCollections(3));
    const { client } = createClient(graph.fetch, createTokenSource(), true);

    const [profiles, flows] = await settle([
      client.getAll('/education/synchronizationProfiles', { scopes: SCOPES }),
      client.getAll('/external/industryData/inboundFlows', { scopes: SCOPES }),
    ]);

    expect(valueOf(profiles)).toEqual(['/education/synchronizationProfiles#0', '/education/synchronizationProfiles#1', '/education/synchronizationProfiles#2']);
    expect(valueOf(flows)).toEqual(['/external/industryData/inboundFlows#0', '/external/industryData/inboundFlows#1', '/external/industryData/inboundFlows#2']);
    expect(graph.httpCalls.map((call) => call.method)).toEqual(['POST', 'POST', 'POST']);
    expect(graph.requests.map((request) => request.url).sort()).toEqual(
      [
        '/education/synchronizationProfiles',
        '/education/synchronizationProfiles?$skip=1',
        '/education/synchronizationProfiles?$skip=2',
        '/external/industryData/inboundFlows',
        '/external/industryData/inboundFlows?$skip=1',
        '/external/industryData/inboundFlows?$skip=2',
      ].sort(),
    );
  });

  it('follows nextLink pages alone as plain GETs', async () => {
    const graph = createFakeGraph(pagedCollections(4));
    const { client } = createClient(graph.fetch, createTokenSource(), true);

    const [result] = await settle([client.getAll('/education/synchronizationProfiles', { scopes: SCOPES })]);

    expect(valueOf(result)).toHaveLength(4);
    expect(graph.httpCalls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `GET ${BASE_URL}/beta/education/synchronizationProfiles`,
      `GET ${BASE_URL}/beta/education/synchronizationProfiles?$skip=1`,
      `GET ${BASE_URL}/beta/education/synchronizationProfiles?$skip=2`,
      `GET ${BASE_URL}/beta/education/synchronizationProfiles?$skip=3`,
    ]);
  });

  it('rejects a page without a value array as malformed', async () => {
    const graph = createFakeGraph(() => ({ status: 200, body: { items: [] } }));
    const { client } = createClient(graph.fetch, createTokenSource(), true);

    const [result] = await settle([client.getAll('/education/synchronizationProfiles', { scopes: SCOPES })]);

    const error = reasonOf(result);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).kind).toBe('malformed');
  });
});

describe.each([
  ['batching on', true],
  ['batching off', false],
])('createGraphClient token origin with %s', (_label, batching) => {
  it.each(['https://attacker.test/beta', 'http://graph.test/beta', 'https://graph.test:8443/beta', 'https://graph.test.attacker.test/beta'])(
    'stops at a nextLink to %s',
    async (nextLinkOrigin) => {
      const graph = createFakeGraph(pagedCollections(3, nextLinkOrigin));
      const { client } = createClient(graph.fetch, createTokenSource(), batching);

      const [result] = await settle([client.getAll('/education/synchronizationProfiles', { scopes: SCOPES })]);

      expect(String(reasonOf(result))).toContain(`Refusing to send a Graph token to ${new URL(nextLinkOrigin).origin}`);
      expect(graph.httpCalls).toHaveLength(1);
      expect(graph.httpCalls.every((call) => new URL(call.url).origin === BASE_URL)).toBe(true);
    },
  );

  it('asks for no token for an absolute URL on another origin', async () => {
    const graph = createFakeGraph(() => ({ status: 200, body: {} }));
    const tokens = createTokenSource();
    const { client } = createClient(graph.fetch, tokens, batching);

    const [result] = await settle([client.get('https://attacker.test/beta/me', { scopes: SCOPES })]);

    expect(String(reasonOf(result))).toContain('Refusing to send a Graph token to https://attacker.test');
    expect(graph.httpCalls).toHaveLength(0);
    expect(tokens.getToken).not.toHaveBeenCalled();
  });
});
