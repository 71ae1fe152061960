import { describe, expect, it } from 'vitest';
import { createClock } from '../core/clock.mjs';
import { createFaults } from '../core/faults.mjs';
import { createRequestLog } from '../core/request-log.mjs';
import { ACCOUNTS } from '../identity/directory.mjs';
import { createTokenIssuer } from '../identity/tokens.mjs';
import { createGraphService } from './router.mjs';

const ORIGIN = 'https://127.0.0.1:4381';
const NOW_MS = Date.parse('2025-03-03T08:00:00Z');
const [ADMIN, TEACHER] = ACCOUNTS;

function setUp(industryResponse) {
  const clock = createClock({ realNow: () => NOW_MS });
  const issuer = createTokenIssuer({ tenantId: 'tenant', accessTokenLifetimeSeconds: 3600 });
  const calls = [];
  const industryData = {
    handle(request) {
      calls.push(request);
      return industryResponse;
    },
  };
  const graph = createGraphService({
    clock,
    issuer,
    classic: { handle: () => ({ status: 200, headers: {}, body: {} }) },
    getIndustryData: () => industryData,
    faults: createFaults(),
    settings: { latencyMs: 0, exposeRetryAfter: false },
    requestLog: createRequestLog({ clock }),
  });
  const tokenFor = (account) =>
    issuer.accessToken({ origin: ORIGIN, account, clientId: 'client', shortNames: ['IndustryData-Run.Read.All'], sessionState: 's', nowMs: NOW_MS });
  const get = (path, account = ADMIN, headers = {}) => {
    const url = new URL(path, ORIGIN);
    return graph.respond({
      method: 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: { authorization: `Bearer ${tokenFor(account)}`, ...headers },
      origin: ORIGIN,
      readBody: async () => '',
    });
  };
  return { get, calls };
}

describe('Industry Data routing', () => {
  it('passes the request to the Industry Data handler', async () => {
    const { get, calls } = setUp({ status: 200, body: { value: [] }, headers: { 'Preference-Applied': 'x' } });
    const response = await get('/beta/external/industryData/runs?$top=2', ADMIN, { prefer: 'include-unknown-enum-members' });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ value: [] });
    expect(response.headers['content-type']).toContain('odata.metadata=minimal');
    expect(response.headers['preference-applied']).toBe('x');
    expect(calls[0].path).toBe('/external/industryData/runs');
    expect(calls[0].query.get('$top')).toBe('2');
    expect([...calls[0].scopes]).toEqual(['IndustryData-Run.Read.All']);
    expect(calls[0].baseUrl).toBe(`${ORIGIN}/beta`);
    expect(calls[0].prefer).toBe('include-unknown-enum-members');
  });

  it('wraps a handler error into the envelope', async () => {
    const { get } = setUp({ status: 404, error: { code: 'itemNotFound', message: 'No run.' } });
    const response = await get('/beta/external/industryData/runs/missing');
    const body = JSON.parse(response.body);

    expect(response.status).toBe(404);
    expect(body.error.code).toBe('itemNotFound');
    expect(body.error.innerError['request-id']).toBe(response.headers['request-id']);
  });

  it('answers a path the handler does not know with a segment error', async () => {
    const { get } = setUp(null);
    const response = await get('/beta/external/industryData/unknownThings');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.message).toBe("Resource not found for the segment 'unknownThings'.");
  });

  it('forbids a user without an administrator role', async () => {
    const { get, calls } = setUp({ status: 200, body: {} });
    const response = await get('/beta/external/industryData/runs', TEACHER);

    expect(response.status).toBe(403);
    expect(calls).toEqual([]);
  });
});
