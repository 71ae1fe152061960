import { beforeEach, describe, expect, it } from 'vitest';
import { control, signIn, TEST_CLIENTS } from '../testing/identity-client.mjs';
import { useSignedInEmulator } from '../testing/signed-in-emulator.mjs';

const CSV_2024 = '24114164-9925-49ce-8c6a-91f9c5ae2331';
const ONE_ROSTER = 'e5c4cad3-ff7d-492c-b35c-504c6ae22a5c';

const session = useSignedInEmulator('2025-03-03T08:00:00Z');
let emulator;
let origin;
let token;

beforeEach(() => {
  ({ emulator, origin, token } = session);
});

function graphGet(path, options = {}) {
  return fetch(`${origin}/beta${path}`, { headers: { authorization: `Bearer ${token}` }, ...options });
}

async function profileStatus(id) {
  return (await graphGet(`/education/synchronizationProfiles/${id}/profileStatus`)).json();
}

describe('clock', () => {
  it('sets, advances and reads emulator time', async () => {
    const set = await control(origin, 'POST', '/clock', { now: '2030-01-01T00:00:00Z' });
    const advanced = await control(origin, 'POST', '/clock', { advanceMs: 90 * 60 * 1000 });
    const read = await control(origin, 'GET', '/clock');

    expect(set.body.now.startsWith('2030-01-01T00:00:0')).toBe(true);
    expect(advanced.body.now.startsWith('2030-01-01T01:30:0')).toBe(true);
    expect(Date.parse(read.body.now)).toBeGreaterThanOrEqual(Date.parse(advanced.body.now));
    expect(read.body.t0).toBe('2025-03-03T08:00:00.000Z');
  });

  it('rejects a time without a zone', async () => {
    const response = await control(origin, 'POST', '/clock', { now: '2030-01-01T00:00:00' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('2030-01-01T00:00:00');
  });

  it('goes back to real time on a reset without a time', async () => {
    const { body } = await control(origin, 'POST', '/reset');
    expect(Math.abs(Date.parse(body.now) - Date.now())).toBeLessThan(5000);
  });
});

describe('classic overrides', () => {
  it('serves raw status values', async () => {
    await control(origin, 'POST', `/classic/profiles/${CSV_2024}/status`, {
      status: 'somethingNew',
      lastSynchronizationDateTime: '2025-03-03T07:59:59.1234567Z',
      lastActivityDateTime: null,
      statusMessage: 'Custom message',
    });
    const status = await profileStatus(CSV_2024);

    expect(status.status).toBe('somethingNew');
    expect(status.lastSynchronizationDateTime).toBe('2025-03-03T07:59:59.1234567Z');
    expect(status.lastActivityDateTime).toBeNull();
    expect(status.statusMessage).toBe('Custom message');
    expect(status.errorCount).toBe(0);
  });

  it('stops the timeline of an overridden profile', async () => {
    await control(origin, 'POST', `/classic/profiles/${CSV_2024}/status`, { errorCount: 7 });
    await control(origin, 'POST', '/clock', { advanceMs: 10 * 60 * 1000 });
    const status = await profileStatus(CSV_2024);
    const errors = await (await graphGet(`/education/synchronizationProfiles/${CSV_2024}/errors`)).json();

    expect(status.status).toBe('inProgress');
    expect(status.errorCount).toBe(7);
    expect(errors['@odata.count']).toBe(7);
  });

  it('rejects an unknown status field', async () => {
    const response = await control(origin, 'POST', `/classic/profiles/${CSV_2024}/status`, { colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('colour');
  });

  it('deletes a profile', async () => {
    const deleted = await control(origin, 'DELETE', `/classic/profiles/${ONE_ROSTER}/status`);
    const response = await graphGet(`/education/synchronizationProfiles/${ONE_ROSTER}`);
    const list = await (await graphGet('/education/synchronizationProfiles?$top=100')).json();

    expect(deleted.status).toBe(200);
    expect(response.status).toBe(404);
    expect(list.value.map((profile) => profile.id)).not.toContain(ONE_ROSTER);
    expect(list.value).toHaveLength(5);
  });

  it('answers 404 for an unknown profile', async () => {
    const response = await control(origin, 'POST', '/classic/profiles/not-a-profile/status', { status: 'success' });
    expect(response.status).toBe(404);
  });

  it('generates extra profiles', async () => {
    const generated = await control(origin, 'POST', '/classic/profiles', { count: 120 });
    const firstPage = await (await graphGet('/education/synchronizationProfiles?$top=100&$count=true')).json();
    const status = await profileStatus(generated.body.ids[0]);

    expect(generated.body.ids).toHaveLength(120);
    expect(firstPage['@odata.count']).toBe(126);
    expect(firstPage.value).toHaveLength(100);
    expect(firstPage['@odata.nextLink']).toContain('$skip=100');
    expect(status.status).toBe('success');
  });

  it('rejects a count out of range', async () => {
    expect((await control(origin, 'POST', '/classic/profiles', { count: 0 })).status).toBe(400);
    expect((await control(origin, 'POST', '/classic/profiles', { count: 'ten' })).status).toBe(400);
  });

  it('rejects an unknown retired mode', async () => {
    const response = await control(origin, 'POST', '/classic/retired', { mode: 'gone' });
    expect(response.status).toBe(400);
  });
});

describe('faults', () => {
  it('fails a matching request the given number of times', async () => {
    const { body } = await control(origin, 'POST', '/faults', { path: '/profileStatus', status: 503, headers: { 'Retry-After': '3' }, times: 1 });
    const failed = await graphGet(`/education/synchronizationProfiles/${CSV_2024}/profileStatus`);
    const recovered = await graphGet(`/education/synchronizationProfiles/${CSV_2024}/profileStatus`);
    const errorBody = await failed.json();

    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('3');
    expect(errorBody.error.code).toBe('serviceNotAvailable');
    expect(errorBody.error.innerError['request-id']).toBe(failed.headers.get('request-id'));
    expect(recovered.status).toBe(200);
  });

  it('matches a regular expression and a method', async () => {
    await control(origin, 'POST', '/faults', { method: 'GET', path: '^/beta/education/synchronizationProfiles$', status: 500 });
    const list = await graphGet('/education/synchronizationProfiles');
    const single = await graphGet(`/education/synchronizationProfiles/${CSV_2024}`);

    expect(list.status).toBe(500);
    expect(single.status).toBe(200);
  });

  it('serves a raw body with its content type', async () => {
    await control(origin, 'POST', '/faults', { path: '/synchronizationProfiles', status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' });
    const response = await graphGet('/education/synchronizationProfiles');

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(await response.text()).toBe('<html>Bad gateway</html>');
  });

  it('serves a 429 in the throttling shape', async () => {
    await control(origin, 'POST', '/faults', { path: '/synchronizationProfiles', status: 429, headers: { 'Retry-After': '2' } });
    const response = await graphGet('/education/synchronizationProfiles');
    const body = await response.json();

    expect(response.status).toBe(429);
    expect(body.error.code).toBe('TooManyRequests');
    expect(body.error.innerError.status).toBe('429');
  });

  it('delays a request', async () => {
    await control(origin, 'POST', '/faults', { path: '/synchronizationProfiles', latencyMs: 250 });
    const startedAt = performance.now();
    const response = await graphGet('/education/synchronizationProfiles');

    expect(response.status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(240);
  });

  it('keeps a request open', async () => {
    await control(origin, 'POST', '/faults', { path: '/synchronizationProfiles', hang: true, times: 1 });
    const openRequest = graphGet('/education/synchronizationProfiles', { signal: AbortSignal.timeout(300) });

    await expect(openRequest).rejects.toThrow();
    expect((await graphGet('/education/synchronizationProfiles')).status).toBe(200);
  });

  it('fails the token endpoint with an Entra body', async () => {
    await control(origin, 'POST', '/faults', { path: '/oauth2/v2.0/token', status: 503, times: 1 });
    await expect(signIn(origin, emulator.tenantId)).rejects.toThrow(/503.*temporarily_unavailable/);
    await expect(signIn(origin, emulator.tenantId)).resolves.toHaveProperty('access_token');
  });

  it('clears all faults', async () => {
    await control(origin, 'POST', '/faults', { path: '/synchronizationProfiles', status: 500 });
    await control(origin, 'DELETE', '/faults');
    expect((await graphGet('/education/synchronizationProfiles')).status).toBe(200);
  });

  it('rejects an invalid fault', async () => {
    const noPath = await control(origin, 'POST', '/faults', { status: 500 });
    const badStatus = await control(origin, 'POST', '/faults', { path: '/x', status: 42 });
    const nothing = await control(origin, 'POST', '/faults', { path: '/x' });

    expect(noPath.status).toBe(400);
    expect(badStatus.status).toBe(400);
    expect(nothing.status).toBe(400);
  });
});

describe('latency', () => {
  it('delays every Graph request', async () => {
    await control(origin, 'POST', '/latency', { ms: 200 });
    const startedAt = performance.now();
    await graphGet('/education/synchronizationProfiles');

    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
  });

  it('rejects a negative value', async () => {
    expect((await control(origin, 'POST', '/latency', { ms: -1 })).status).toBe(400);
  });
});

describe('request log', () => {
  it('records identity and Graph requests without secrets', async () => {
    await control(origin, 'DELETE', '/requests');
    const tokens = await signIn(origin, emulator.tenantId);
    await graphGet('/education/synchronizationProfiles?$top=2');
    const { body: requests } = await control(origin, 'GET', '/requests');
    const text = JSON.stringify(requests);

    expect(requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      `POST /${emulator.tenantId}/oauth2/v2.0/authorize 302`,
      `POST /${emulator.tenantId}/oauth2/v2.0/token 200`,
      'GET /beta/education/synchronizationProfiles 200',
    ]);
    expect(requests[0].time).toBe(new Date(Date.parse(requests[0].time)).toISOString());
    expect(text).not.toContain(tokens.access_token);
    expect(text).not.toContain(tokens.refresh_token);
    expect(text).not.toContain('code=');
  });

  it('clears the log', async () => {
    await control(origin, 'DELETE', '/requests');
    expect((await control(origin, 'GET', '/requests')).body).toEqual([]);
  });
});

describe('reset', () => {
  it('restores the start state', async () => {
    await control(origin, 'POST', `/classic/profiles/${CSV_2024}/status`, { status: 'error' });
    await control(origin, 'DELETE', `/classic/profiles/${ONE_ROSTER}`);
    await control(origin, 'POST', '/classic/retired', { mode: 'notFound' });
    await control(origin, 'POST', '/consent', { scopes: [] });
    await control(origin, 'POST', '/faults', { path: '/oauth2', status: 500 });
    await control(origin, 'POST', '/reset', { now: '2025-03-03T08:00:00Z' });
    token = (await signIn(origin, emulator.tenantId)).access_token;

    expect((await profileStatus(CSV_2024)).status).toBe('inProgress');
    expect((await graphGet(`/education/synchronizationProfiles/${ONE_ROSTER}`)).status).toBe(200);
    expect((await control(origin, 'GET', '/consent')).body.scopes).toHaveLength(4);
  });

  it('ends sign-in sessions and refresh tokens', async () => {
    const tokens = await signIn(origin, emulator.tenantId);
    await control(origin, 'POST', '/reset');
    const response = await fetch(`${origin}/${emulator.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: TEST_CLIENTS[0].clientId, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    });

    expect(response.status).toBe(400);
  });
});

describe('control API', () => {
  it('is open to any origin', async () => {
    const preflight = await fetch(`${origin}/_emulator/reset`, { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' } });
    const info = await fetch(`${origin}/_emulator/info`);

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(info.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('describes the tenant', async () => {
    const { body } = await control(origin, 'GET', '/info');

    expect(body.tenantId).toBe(emulator.tenantId);
    expect(body.authority).toBe(`${emulator.httpsOrigin}/${emulator.tenantId}`);
    expect(body.accounts.map((account) => account.isAdministrator)).toEqual([true, false]);
  });

  it('rejects malformed JSON and unknown paths', async () => {
    const malformed = await fetch(`${origin}/_emulator/clock`, { method: 'POST', body: '{' });
    const unknown = await control(origin, 'GET', '/nothing');
    const wrongMethod = await control(origin, 'GET', '/reset');

    expect(malformed.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
  });
});
