import type { SessionStore } from '@/lib/auth/session-store';
import type { GetToken } from '@/lib/auth/token';

import { createBatcher, type BatchStats } from './batch';
import { GraphError } from './graph-error';
import { createGraphFailure, resolveGraphUrl, sendGraphGet } from './http';

export interface GraphRequestOptions {
  /** Delegated scopes the token must carry for this endpoint. */
  scopes: string[];
  signal?: AbortSignal | undefined;
  /** Sends `Prefer: include-unknown-enum-members`, so evolvable enum members arrive as they are. */
  includeUnknownEnumMembers?: boolean;
}

export interface GraphClient {
  /** GETs a path under `/beta` (such as `/education/synchronizationProfiles`) or an absolute `@odata.nextLink`. */
  get(pathOrUrl: string, options: GraphRequestOptions): Promise<unknown>;
  /** GETs a collection and follows `@odata.nextLink` to the end; returns every item. */
  getAll(path: string, options: GraphRequestOptions): Promise<unknown[]>;
  /** Calls sent so far, batched and single, for diagnostics and benchmarks. */
  stats(): BatchStats;
}

export interface GraphClientSettings {
  /** Graph root such as `https://graph.microsoft.com`, without the version. */
  baseUrl: string;
  getToken: GetToken;
  timeoutMs: number;
  /** Coalesce requests that fall due together into `$batch` calls (default true). */
  batching?: boolean;
  /** Receives the dashboard-wide problem when Graph keeps rejecting fresh tokens. */
  session?: SessionStore;
  fetch?: typeof fetch;
}

/** Upper bound on pages followed for one collection, against a server that links in a loop. */
const MAX_PAGES = 1000;

/**
 * A 401 within this long after a forced token refresh does not force another one. Graph
 * returns 401 for a token MSAL still thinks valid when the client clock is wrong, and a hundred
 * cards hitting that must cause one refresh, not a hundred.
 */
const FORCED_REFRESH_COOLDOWN_MS = 60_000;

/**
 * Creates the app's one Graph client: it adds the token and request ids, aborts slow
 * requests, refuses to send the token to any other origin, coalesces concurrent GETs into
 * `$batch` calls, and turns every failure into a `GraphError`.
 */
export function createGraphClient(settings: GraphClientSettings): GraphClient {
  const fetchFunction = settings.fetch ?? globalThis.fetch.bind(globalThis);
  const batcher = createBatcher({
    baseUrl: settings.baseUrl,
    getToken: settings.getToken,
    timeoutMs: settings.timeoutMs,
    fetch: fetchFunction,
  });
  const batching = settings.batching ?? true;
  const singleStats: BatchStats = { batchCalls: 0, singleCalls: 0, itemsSent: 0 };
  const lastForcedRefresh = new Map<string, { at: number; done: Promise<void> }>();

  async function send(url: URL, options: GraphRequestOptions): Promise<unknown> {
    if (batching) {
      const path = `${url.pathname.replace(/^\/beta/, '')}${url.search}`;
      return batcher.request({ path, scopes: options.scopes, includeUnknownEnumMembers: options.includeUnknownEnumMembers === true }, options.signal);
    }

    singleStats.singleCalls += 1;
    singleStats.itemsSent += 1;
    const token = await settings.getToken(options.scopes);
    return sendGraphGet(fetchFunction, {
      url,
      token,
      timeoutMs: settings.timeoutMs,
      signal: options.signal,
      includeUnknownEnumMembers: options.includeUnknownEnumMembers,
    });
  }

  async function get(pathOrUrl: string, options: GraphRequestOptions): Promise<unknown> {
    const url = resolveGraphUrl(settings.baseUrl, pathOrUrl);
    try {
      return await send(url, options);
    } catch (error) {
      if (!(error instanceof GraphError) || error.status !== 401) {
        throw error;
      }
      await forceRefreshOnce(options.scopes);
    }

    try {
      return await send(url, options);
    } catch (error) {
      if (error instanceof GraphError && error.status === 401) {
        settings.session?.report({ kind: 'tokenRejected', msalCode: error.code, since: Date.now() });
      }
      throw error;
    }
  }

  /**
   * Forces one token refresh per cooldown. A 401 within the cooldown waits for the refresh
   * in flight instead, so its retry carries the new token rather than the rejected one.
   */
  async function forceRefreshOnce(scopes: string[]): Promise<void> {
    const key = [...scopes].sort().join(' ');
    const last = lastForcedRefresh.get(key);
    if (last !== undefined && Date.now() - last.at < FORCED_REFRESH_COOLDOWN_MS) {
      await last.done;
      return;
    }

    const refresh = settings.getToken(scopes, { forceRefresh: true });
    // The first caller gets the token error. Callers who wait retry and meet it themselves.
    lastForcedRefresh.set(key, { at: Date.now(), done: refresh.then(noop, noop) });
    await refresh;
  }

  async function getAll(path: string, options: GraphRequestOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;

    for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
      const body = (await get(next, options)) as Record<string, unknown>;
      if (!Array.isArray(body.value)) {
        throw createGraphFailure('malformed', { clientRequestId: '', path }, { status: 200 });
      }
      items.push(...body.value);
      const link = body['@odata.nextLink'];
      next = typeof link === 'string' && link !== '' ? link : undefined;
    }
    return items;
  }

  function stats(): BatchStats {
    const batched = batcher.stats();
    return {
      batchCalls: batched.batchCalls,
      singleCalls: batched.singleCalls + singleStats.singleCalls,
      itemsSent: batched.itemsSent + singleStats.itemsSent,
    };
  }

  return { get, getAll, stats };
}

function noop(): void {}
