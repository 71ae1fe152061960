// The Graph side of the emulator: CORS, injected latency and faults, bearer token checks, routing
// to classic SDS, Industry Data and $batch, and Graph's response headers and error envelope.
import { randomUUID } from 'node:crypto';
import { delay } from '../core/faults.mjs';
import { decodeSegment, lowerCaseHeaders } from '../core/http.mjs';
import { authenticate } from './auth.mjs';
import { parseBatch, runBatch } from './batch.mjs';
import { finalizeResult, graphError, throttledError, unknownSegmentError } from './envelope.mjs';

export const GRAPH_VERSIONS = new Set(['beta', 'v1.0']);

/** Headers Graph lets browser code read. Retry-After is missing, as on the real service. */
const EXPOSED_HEADERS = [
  'ETag', 'Location', 'Preference-Applied', 'Content-Range', 'request-id', 'client-request-id',
  'ReadWriteConsistencyToken', 'SdkVersion', 'WWW-Authenticate', 'x-ms-ags-diagnostic',
];
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = [
  'Authorization', 'Content-Type', 'Prefer', 'client-request-id', 'return-client-request-id', 'ConsistencyLevel',
  'SdkVersion', 'If-Match', 'If-None-Match', 'Accept', 'Accept-Language', 'Cache-Control',
];
const PREFLIGHT_MAX_AGE_SECONDS = '3600';

/** Error codes of fault responses that give only a status. */
const FAULT_ERROR_CODES = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'accessDenied',
  404: 'itemNotFound',
  409: 'conflict',
  500: 'generalException',
  502: 'badGateway',
  503: 'serviceNotAvailable',
  504: 'gatewayTimeout',
};

/** The part of Graph's path tree that the emulator serves, for the unknown-segment error. */
const KNOWN_PATHS = {
  beta: { education: { synchronizationProfiles: true }, external: { industryData: true } },
  'v1.0': { education: {}, external: {} },
};

function firstUnknownSegment(segments) {
  let node = KNOWN_PATHS;
  for (const segment of segments) {
    if (node === true) return null;
    if (!Object.hasOwn(node, segment)) return segment;
    node = node[segment];
  }
  return node === true ? null : (segments.at(-1) ?? '');
}

function faultResult(fault) {
  const headers = { ...(fault.headers ?? {}) };
  if (typeof fault.body === 'string') {
    return { status: fault.status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', ...headers }, rawBody: fault.body };
  }
  if (fault.body !== undefined) {
    return { status: fault.status, headers: { 'content-type': fault.contentType ?? 'application/json', ...headers }, body: fault.body };
  }
  if (fault.status === 429) return throttledError(headers);
  if (fault.status < 400) return { status: fault.status, headers, body: {} };
  const code = FAULT_ERROR_CODES[fault.status] ?? 'UnknownError';
  return graphError(fault.status, code, `Injected fault: HTTP ${fault.status}.`, headers);
}

/**
 * Creates the Graph service. `settings` contains `latencyMs` and `exposeRetryAfter`, which the
 * control endpoint changes. `getIndustryData()` and `classic` serve their resources.
 */
export function createGraphService({ clock, issuer, classic, getIndustryData, faults, settings, requestLog }) {
  async function route(request, { insideBatch }) {
    const segments = request.path.split('/').filter(Boolean).map(decodeSegment);
    const [version, ...rest] = segments;
    const baseUrl = `${request.origin}/${version}`;

    if (rest[0] === '$batch' && rest.length === 1) {
      if (insideBatch) return graphError(400, 'BadRequest', 'A $batch request cannot contain another $batch request.');
      if (request.method !== 'POST') return graphError(405, 'BadRequest', `$batch accepts POST only, not ${request.method}.`);
      return handleBatch(request, version);
    }

    const authentication = authenticate(request.headers.authorization, { issuer, nowMs: clock.now(), origin: request.origin });
    if (!authentication.ok) return authentication.result;
    const { caller } = authentication;

    const unknownSegment = firstUnknownSegment(segments);
    if (unknownSegment !== null) return unknownSegmentError(unknownSegment);

    const common = { method: request.method, query: request.query, prefer: request.headers.prefer ?? '', baseUrl, caller, nowMs: clock.now() };
    if (rest[0] === 'education') {
      return classic.handle({ ...common, segments: rest.slice(2) });
    }

    if (!caller.isAdministrator) {
      return graphError(403, 'accessDenied', 'The signed-in user has no administrator role that allows reading Industry Data.');
    }
    const response = getIndustryData().handle({
      method: request.method,
      path: request.path.slice(`/${version}`.length),
      query: request.query,
      scopes: caller.scopes,
      baseUrl,
      prefer: common.prefer,
    });
    if (!response) return unknownSegmentError(rest.at(-1));
    if (response.error) return graphError(response.status, response.error.code, response.error.message, response.headers);
    return { status: response.status, headers: response.headers ?? {}, body: response.body };
  }

  async function handleBatch(request, version) {
    const parsed = parseBatch(await request.readBody());
    if (parsed.error) return parsed.error;

    const result = await runBatch(parsed.items, (item) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) {
        const error = graphError(400, 'BadRequest', `Batch request '${item.id}' has an absolute URL; use one relative to /${version}, e.g. /education/synchronizationProfiles.`);
        return Promise.resolve(finalizeResult(error, { requestId: randomUUID(), clientRequestId: randomUUID(), nowMs: clock.now() }));
      }
      const url = new URL(`/${version}/${item.url.replace(/^\//, '')}`, request.origin);
      const headers = { ...lowerCaseHeaders(item.headers) };
      if (request.headers.authorization) headers.authorization = request.headers.authorization;
      let itemBody = '';
      if (typeof item.body === 'string') itemBody = item.body;
      else if (item.body !== undefined) itemBody = JSON.stringify(item.body);
      return processRequest(
        {
          method: item.method.toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers,
          origin: request.origin,
          readBody: async () => itemBody,
        },
        { insideBatch: true },
      );
    });
    if (result.hang || result.reset) return result;
    result.batchSize = parsed.items.length;
    return result;
  }

  /** Runs one request (top-level or batch item) through faults, routing and finalizing. */
  async function processRequest(request, { insideBatch }) {
    const ids = { requestId: randomUUID(), clientRequestId: request.headers['client-request-id'] ?? randomUUID() };
    const fault = faults.take({ method: request.method, path: request.path, insideBatch });
    if (fault?.latencyMs) await delay(fault.latencyMs);

    if (fault?.hang) {
      if (insideBatch) requestLog.add({ method: request.method, path: request.path, status: null, insideBatch: true });
      return { hang: true };
    }
    if (fault?.reset) {
      // A reset item takes its whole $batch call down with it, as a dropped connection would.
      if (insideBatch) requestLog.add({ method: request.method, path: request.path, status: 0, insideBatch: true });
      return { reset: true };
    }
    const result = fault?.status !== undefined ? faultResult(fault) : await route(request, { insideBatch });
    if (result.hang || result.reset) return result;

    const final = finalizeResult(result, { ...ids, nowMs: clock.now() });
    if (insideBatch) {
      requestLog.add({ method: request.method, path: request.path, status: final.status, insideBatch: true });
    } else {
      final.headers['request-id'] = ids.requestId;
      final.headers['client-request-id'] = ids.clientRequestId;
      final.headers['x-ms-ags-diagnostic'] = JSON.stringify({ ServerInfo: { DataCenter: 'Local Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'emulator' } });
      if (result.batchSize !== undefined) final.batchSize = result.batchSize;
    }
    return final;
  }

  function corsHeaders(requestOrigin) {
    if (!requestOrigin) return {};
    const exposed = settings.exposeRetryAfter ? [...EXPOSED_HEADERS, 'Retry-After'] : EXPOSED_HEADERS;
    return { 'access-control-allow-origin': requestOrigin, 'access-control-expose-headers': exposed.join(', '), vary: 'Origin' };
  }

  return {
    /**
     * Handles a top-level Graph request. Returns `{ status, headers, body (text), batchSize? }`,
     * or `{ hang: true }` for a request that a fault keeps open.
     */
    async respond(request) {
      const requestOrigin = request.headers.origin;
      if (request.method === 'OPTIONS') {
        // Only faults that name OPTIONS reach a preflight; a failed one carries no CORS headers.
        const fault = faults.take({ method: 'OPTIONS', path: request.path, insideBatch: false });
        if (fault?.latencyMs) await delay(fault.latencyMs);
        if (fault?.hang) return { hang: true };
        if (fault?.status !== undefined) {
          const final = finalizeResult(faultResult(fault), { requestId: randomUUID(), clientRequestId: randomUUID(), nowMs: clock.now() });
          return { status: final.status, headers: final.headers, body: final.raw ? final.body : JSON.stringify(final.body) };
        }
        return {
          status: 200,
          headers: {
            'access-control-allow-origin': requestOrigin ?? '*',
            'access-control-allow-methods': ALLOWED_METHODS,
            'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
            'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
            'content-length': '0',
            vary: 'Origin',
          },
          body: '',
        };
      }

      if (settings.latencyMs > 0) await delay(settings.latencyMs);
      const final = await processRequest(request, { insideBatch: false });
      if (final.hang || final.reset) return final;

      const body = final.raw ? final.body : JSON.stringify(final.body);
      return { status: final.status, headers: { ...final.headers, ...corsHeaders(requestOrigin) }, body, batchSize: final.batchSize };
    },
  };
}
