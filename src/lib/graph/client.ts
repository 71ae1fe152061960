import type { GetToken } from '@/lib/auth/token';

import { GraphError, isRecord, parseRetryAfterMs, readErrorEnvelope } from './graph-error';

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
}

export interface GraphClientSettings {
  /** Graph root such as `https://graph.microsoft.com`, without the version. */
  baseUrl: string;
  getToken: GetToken;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Upper bound on pages followed for one collection, against a server that links in a loop. */
const MAX_PAGES = 1000;

/**
 * Creates the app's one Graph client: it adds the token and request ids, aborts slow
 * requests, refuses to send the token to any other origin, and turns every failure
 * into a `GraphError`.
 */
export function createGraphClient(settings: GraphClientSettings): GraphClient {
  const fetchFunction = settings.fetch ?? globalThis.fetch.bind(globalThis);
  const versionRoot = `${settings.baseUrl}/beta`;
  const graphOrigin = new URL(settings.baseUrl).origin;

  async function get(pathOrUrl: string, options: GraphRequestOptions): Promise<unknown> {
    const url = pathOrUrl.startsWith('/') ? `${versionRoot}${pathOrUrl}` : pathOrUrl;
    const parsedUrl = new URL(url);
    if (parsedUrl.origin !== graphOrigin) {
      throw new Error(`Refusing to send a Graph token to ${parsedUrl.origin}; only ${graphOrigin} is configured.`);
    }

    const token = await settings.getToken(options.scopes);
    const clientRequestId = crypto.randomUUID();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'client-request-id': clientRequestId,
    };
    if (options.includeUnknownEnumMembers === true) {
      headers.Prefer = 'include-unknown-enum-members';
    }

    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const failure = (kind: GraphError['kind'], extra: Partial<GraphError> = {}) =>
      new GraphError({
        kind,
        status: null,
        code: null,
        graphMessage: null,
        requestId: null,
        retryAfterMs: null,
        ...extra,
        clientRequestId,
        path: parsedUrl.pathname,
      });

    let response: Response;
    try {
      response = await fetchFunction(parsedUrl, { headers, signal, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      if (options.signal?.aborted === true) {
        throw error;
      }
      throw failure(timeout.aborted ? 'timeout' : 'network');
    }

    const requestId = response.headers.get('request-id');
    const body = await readJson(response);

    if (!response.ok) {
      const envelope = readErrorEnvelope(body);
      throw failure('http', {
        status: response.status,
        code: envelope.code,
        graphMessage: envelope.message,
        requestId: requestId ?? envelope.requestId,
        retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After')),
      });
    }
    if (!isRecord(body)) {
      throw failure('malformed', { status: response.status, requestId });
    }
    return body;
  }

  async function getAll(path: string, options: GraphRequestOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = path;

    for (let page = 0; next !== undefined && page < MAX_PAGES; page += 1) {
      const body = (await get(next, options)) as Record<string, unknown>;
      if (!Array.isArray(body.value)) {
        throw new GraphError({
          kind: 'malformed',
          status: 200,
          code: null,
          graphMessage: null,
          requestId: null,
          clientRequestId: '',
          retryAfterMs: null,
          path,
        });
      }
      items.push(...body.value);
      const link = body['@odata.nextLink'];
      next = typeof link === 'string' && link !== '' ? link : undefined;
    }
    return items;
  }

  return { get, getAll };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
