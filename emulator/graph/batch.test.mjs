import { beforeEach, describe, expect, it } from 'vitest';
import { control } from '../testing/identity-client.mjs';
import { useSignedInEmulator } from '../testing/signed-in-emulator.mjs';

const CSV_2024 = '24114164-9925-49ce-8c6a-91f9c5ae2331';
const ONE_ROSTER = 'e5c4cad3-ff7d-492c-b35c-504c6ae22a5c';
const POWER_SCHOOL = '4f798f5c-9789-4240-bdfa-4d179bb1b47d';
const UNKNOWN_PROFILE = '827359a3-19d6-4889-b355-3b5b03f95a06';

const session = useSignedInEmulator('2025-03-03T08:00:00Z');
let origin;
let token;

beforeEach(() => {
  ({ origin, token } = session);
});

function statusRequest(id, profileId, headers = { Prefer: 'include-unknown-enum-members' }) {
  return { id, method: 'GET', url: `/education/synchronizationProfiles/${profileId}/profileStatus`, headers };
}

function postBatch(body, { withToken = true } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (withToken) headers.authorization = `Bearer ${token}`;
  return fetch(`${origin}/beta/$batch`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('$batch', () => {
  it('answers every item, not in request order', async () => {
    const requests = [
      statusRequest('1', CSV_2024),
      statusRequest('2', ONE_ROSTER),
      statusRequest('3', POWER_SCHOOL),
      statusRequest('4', UNKNOWN_PROFILE),
    ];
    const response = await postBatch({ requests });
    const { responses } = await response.json();
    const byId = Object.fromEntries(responses.map((item) => [item.id, item]));

    expect(response.status).toBe(200);
    expect(responses.map((item) => item.id)).not.toEqual(['1', '2', '3', '4']);
    expect(responses.map((item) => item.id).sort()).toEqual(['1', '2', '3', '4']);
    expect(byId['1'].status).toBe(200);
    expect(byId['1'].body.status).toBe('inProgress');
    expect(byId['1'].headers['Content-Type']).toContain('application/json;odata.metadata=minimal');
    expect(byId['3'].body.status).toBe('extracting');
    expect(byId['3'].headers['Preference-Applied']).toBe('include-unknown-enum-members');
    expect(byId['4'].status).toBe(404);
    expect(byId['4'].body.error.code).toBe('itemNotFound');
  });

  it('applies each item its own headers', async () => {
    const { responses } = await (await postBatch({ requests: [statusRequest('plain', POWER_SCHOOL, {})] })).json();
    expect(responses[0].body.status).toBe('unknownFutureValue');
  });

  it('passes the batch token to every item', async () => {
    const response = await postBatch({ requests: [statusRequest('a', CSV_2024), statusRequest('b', ONE_ROSTER)] }, { withToken: false });
    const { responses } = await response.json();

    expect(response.status).toBe(200);
    expect(responses.map((item) => item.status)).toEqual([401, 401]);
    expect(responses[0].body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('rejects ids that differ only in case', async () => {
    const response = await postBatch({ requests: [statusRequest('a', CSV_2024), statusRequest('A', ONE_ROSTER)] });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('BadRequest');
  });

  it('rejects more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, index) => statusRequest(String(index + 1), CSV_2024));
    const response = await postBatch({ requests });

    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('20');
  });

  it('accepts exactly 20 requests', async () => {
    const requests = Array.from({ length: 20 }, (_, index) => statusRequest(String(index + 1), CSV_2024));
    const { responses } = await (await postBatch({ requests })).json();
    expect(responses).toHaveLength(20);
  });

  it('rejects a malformed body', async () => {
    const notJson = await postBatch('{"requests": [');
    const noRequests = await postBatch({ items: [] });

    expect(notJson.status).toBe(400);
    expect(noRequests.status).toBe(400);
  });

  it('returns a throttled item inside a 200 batch', async () => {
    await control(origin, 'POST', '/faults', {
      path: ONE_ROSTER,
      status: 429,
      headers: { 'Retry-After': '10' },
      insideBatch: true,
      times: 1,
    });
    const response = await postBatch({ requests: [statusRequest('1', CSV_2024), statusRequest('2', ONE_ROSTER)] });
    const { responses } = await response.json();
    const throttled = responses.find((item) => item.id === '2');

    expect(response.status).toBe(200);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['Retry-After']).toBe('10');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect(responses.find((item) => item.id === '1').status).toBe(200);
  });

  it('logs the batch size', async () => {
    await control(origin, 'DELETE', '/requests');
    await postBatch({ requests: [statusRequest('1', CSV_2024), statusRequest('2', ONE_ROSTER)] });
    const requests = (await control(origin, 'GET', '/requests')).body;
    const outer = requests.find((entry) => entry.path === '/beta/$batch');

    expect(outer.batchSize).toBe(2);
    expect(outer.status).toBe(200);
    expect(requests.filter((entry) => entry.insideBatch)).toHaveLength(2);
  });
});
