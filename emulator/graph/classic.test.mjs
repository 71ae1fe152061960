import { beforeEach, describe, expect, it } from 'vitest';
import { control, signIn, TEACHER_OBJECT_ID, TEST_APP_ORIGIN } from '../testing/identity-client.mjs';
import { useSignedInEmulator } from '../testing/signed-in-emulator.mjs';

const T0 = '2025-03-03T08:00:00.000Z';
const MINUTE_MS = 60 * 1000;
const PROFILE_IDS = {
  csv2024: '24114164-9925-49ce-8c6a-91f9c5ae2331',
  oneRoster: 'e5c4cad3-ff7d-492c-b35c-504c6ae22a5c',
  powerSchool: '4f798f5c-9789-4240-bdfa-4d179bb1b47d',
  tailspin: '4e572431-25fe-4dbd-b52a-c0ad8b57d858',
  archived: '2f37d0f5-d8d2-4e8c-a910-a695ca23d1dd',
  sandbox: '9d77549b-e11e-43ef-8493-d14f2b06718c',
};
const GRAPH_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
const INNER_ERROR_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const session = useSignedInEmulator(T0);
let emulator;
let origin;
let adminToken;

beforeEach(() => {
  ({ emulator, origin, token: adminToken } = session);
});

function graphGet(path, { token = adminToken, headers = {} } = {}) {
  const allHeaders = { ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  return fetch(path.startsWith('http') ? path : `${origin}/beta${path}`, { headers: allHeaders });
}

async function statusOf(id, headers = {}) {
  return (await graphGet(`/education/synchronizationProfiles/${id}/profileStatus`, { headers })).json();
}

async function expectGraphError(response, status, code) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));
  expect(body.error.innerError.date).toMatch(INNER_ERROR_DATE);
  return body.error;
}

describe('authentication', () => {
  it('rejects a request without a token', async () => {
    const response = await graphGet('/education/synchronizationProfiles', { token: null, headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' } });
    const error = await expectGraphError(response, 401, 'InvalidAuthenticationToken');

    expect(error.message).toBe('Access token is empty.');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(response.headers.get('client-request-id')).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(error.innerError['client-request-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('rejects a token expired by the emulator clock', async () => {
    const before = await graphGet('/education/synchronizationProfiles');
    await control(origin, 'POST', '/clock', { advanceMs: 3600 * 1000 + 1000 });
    const after = await graphGet('/education/synchronizationProfiles');

    expect(before.status).toBe(200);
    const error = await expectGraphError(after, 401, 'InvalidAuthenticationToken');
    expect(error.message).toContain('expired');
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('rejects a token with a wrong signature', async () => {
    const [header, payload] = adminToken.split('.');
    const response = await graphGet('/education/synchronizationProfiles', { token: `${header}.${payload}.c2lnbmF0dXJl` });
    await expectGraphError(response, 401, 'InvalidAuthenticationToken');
  });

  it('forbids a token without EduAdministration.Read', async () => {
    await control(origin, 'POST', '/consent', { scopes: ['https://graph.microsoft.com/User.Read'] });
    const token = (await signIn(origin, emulator.tenantId, { scopes: ['https://graph.microsoft.com/User.Read'] })).access_token;
    await expectGraphError(await graphGet('/education/synchronizationProfiles', { token }), 403, 'accessDenied');
  });

  it('forbids a user without an administrator role', async () => {
    const token = (await signIn(origin, emulator.tenantId, { accountObjectId: TEACHER_OBJECT_ID })).access_token;
    await expectGraphError(await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.csv2024}/profileStatus`, { token }), 403, 'accessDenied');
  });
});

describe('routing', () => {
  it('answers an unknown segment like Graph', async () => {
    const error = await expectGraphError(await graphGet('/education/synchronisationProfiles'), 400, 'BadRequest');
    expect(error.message).toBe("Resource not found for the segment 'synchronisationProfiles'.");
  });

  it('answers an unknown profile with 404', async () => {
    const response = await graphGet('/education/synchronizationProfiles/827359a3-19d6-4889-b355-3b5b03f95a06/profileStatus');
    await expectGraphError(response, 404, 'itemNotFound');
  });

  it('does not serve classic SDS on v1.0', async () => {
    const response = await fetch(`${origin}/v1.0/education/synchronizationProfiles`, { headers: { authorization: `Bearer ${adminToken}` } });
    const error = await expectGraphError(response, 400, 'BadRequest');
    expect(error.message).toContain("'synchronizationProfiles'");
  });
});

describe('profiles list', () => {
  it('pages 4 at a time with an absolute nextLink', async () => {
    const first = await graphGet('/education/synchronizationProfiles');
    const page1 = await first.json();

    expect(first.headers.get('content-type')).toBe(ODATA_JSON);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(page1['@odata.context']).toBe(`${origin}/beta/$metadata#education/synchronizationProfiles`);
    expect(page1.value.map((profile) => profile.id)).toEqual([PROFILE_IDS.csv2024, PROFILE_IDS.oneRoster, PROFILE_IDS.powerSchool, PROFILE_IDS.tailspin]);
    expect(page1['@odata.nextLink']).toBe(`${origin}/beta/education/synchronizationProfiles?$top=4&$skip=4`);

    const page2 = await (await graphGet(page1['@odata.nextLink'])).json();
    expect(page2.value.map((profile) => profile.id)).toEqual([PROFILE_IDS.archived, PROFILE_IDS.sandbox]);
    expect(page2['@odata.nextLink']).toBeUndefined();
  });

  it('honours $top and $count', async () => {
    const body = await (await graphGet('/education/synchronizationProfiles?$top=5&$count=true')).json();

    expect(body.value).toHaveLength(5);
    expect(body['@odata.count']).toBe(6);
    expect(body['@odata.nextLink']).toBe(`${origin}/beta/education/synchronizationProfiles?$count=true&$top=5&$skip=5`);
  });

  it('rejects an invalid $top', async () => {
    await expectGraphError(await graphGet('/education/synchronizationProfiles?$top=many'), 400, 'BadRequest');
  });

  it('dates expirations from the reset time', async () => {
    const body = await (await graphGet('/education/synchronizationProfiles?$top=6')).json();
    const byId = Object.fromEntries(body.value.map((profile) => [profile.id, profile]));

    expect(byId[PROFILE_IDS.csv2024].expirationDate).toBe('2025-09-19');
    expect(byId[PROFILE_IDS.archived].expirationDate).toBe('2025-01-22');
    expect(byId[PROFILE_IDS.tailspin].state).toBe('provisioningFailed');
  });
});

describe('profile', () => {
  it('returns the entity with its context', async () => {
    const body = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.oneRoster}`)).json();

    expect(body['@odata.context']).toBe(`${origin}/beta/$metadata#education/synchronizationProfiles/$entity`);
    expect(body.displayName).toBe('Northwind Middle School - OneRoster');
    expect(body.dataProvider['@odata.type']).toBe('#microsoft.graph.educationOneRosterApiDataProvider');
    expect(body.dataProvider.connectionSettings['@odata.type']).toBe(
      '#microsoft.graph.educationSynchronizationOAuth2ClientCredentialsConnectionSettings',
    );
    expect(body.identitySynchronizationConfiguration.matchingOptions).toHaveLength(2);
  });

  it('honours $select', async () => {
    const body = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.oneRoster}?$select=displayName`)).json();
    expect(Object.keys(body).sort()).toEqual(['@odata.context', 'displayName', 'id']);
  });
});

describe('profileStatus', () => {
  it('returns the documented shape', async () => {
    const response = await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.csv2024}/profileStatus`);
    const body = await response.json();

    expect(body['@odata.context']).toBe(
      `${origin}/beta/$metadata#education/synchronizationProfiles('${PROFILE_IDS.csv2024}')/profileStatus/$entity`,
    );
    expect(body.id).toBe(PROFILE_IDS.csv2024);
    expect(body.status).toBe('inProgress');
    expect(body.lastSynchronizationDateTime).toMatch(GRAPH_DATE_TIME);
    expect(body.lastActivityDateTime).toMatch(GRAPH_DATE_TIME);
    expect(body.errorCount).toBe(0);
    expect(body.statusMessage).toBe('Processed 1284 in the last hour.\r\nUpdated 37 in the last hour.');
    expect(response.headers.get('preference-applied')).toBeNull();
  });

  it('hides evolvable members without the Prefer header', async () => {
    const body = await statusOf(PROFILE_IDS.powerSchool);
    expect(body.status).toBe('unknownFutureValue');
    expect(body.lastSynchronizationDateTime).toBeNull();
  });

  it('shows evolvable members with the Prefer header', async () => {
    const response = await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.powerSchool}/profileStatus`, {
      headers: { prefer: 'include-unknown-enum-members' },
    });

    expect((await response.json()).status).toBe('extracting');
    expect(response.headers.get('preference-applied')).toBe('include-unknown-enum-members');
  });

  it('keeps never-synced profiles null', async () => {
    const body = await statusOf(PROFILE_IDS.tailspin);
    expect(body.status).toBe('error');
    expect(body.lastSynchronizationDateTime).toBeNull();
    expect(body.errorCount).toBe(1);
  });
});

describe('timeline', () => {
  it('finishes the CSV sync at t0+2 min', async () => {
    const before = await statusOf(PROFILE_IDS.csv2024);
    await control(origin, 'POST', '/clock', { advanceMs: 2 * MINUTE_MS });
    const after = await statusOf(PROFILE_IDS.csv2024);

    expect(before.status).toBe('inProgress');
    expect(after.status).toBe('success');
    expect(after.lastSynchronizationDateTime.startsWith('2025-03-03T08:02:00.000')).toBe(true);
    expect(Date.parse(after.lastSynchronizationDateTime.slice(0, 23) + 'Z')).toBeGreaterThan(Date.parse(before.lastSynchronizationDateTime.slice(0, 23) + 'Z'));
  });

  it('turns OneRoster into validationError at t0+3 min', async () => {
    const errorsBefore = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.oneRoster}/errors`)).json();
    await control(origin, 'POST', '/clock', { advanceMs: 3 * MINUTE_MS });
    const after = await statusOf(PROFILE_IDS.oneRoster);
    const errorsAfter = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.oneRoster}/errors`)).json();

    expect(errorsBefore['@odata.count']).toBe(0);
    expect(after.status).toBe('validationError');
    expect(after.errorCount).toBe(4);
    expect(errorsAfter['@odata.count']).toBe(4);
    expect(errorsAfter.value[0].recordedDateTime).toMatch(/^2025-03-03T08:03:\d\dZ$/);
    expect(errorsAfter.value[0].id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('moves PowerSchool through validating to success', async () => {
    const prefer = { prefer: 'include-unknown-enum-members' };
    await control(origin, 'POST', '/clock', { advanceMs: MINUTE_MS });
    const validating = await statusOf(PROFILE_IDS.powerSchool, prefer);
    await control(origin, 'POST', '/clock', { advanceMs: 3 * MINUTE_MS });
    const success = await statusOf(PROFILE_IDS.powerSchool, prefer);
    const profile = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.powerSchool}`)).json();

    expect(validating.status).toBe('validating');
    expect(success.status).toBe('success');
    expect(success.lastSynchronizationDateTime).toMatch(GRAPH_DATE_TIME);
    expect(profile.state).toBe('provisioned');
  });
});

describe('errors', () => {
  it('pages the quarantined profile errors', async () => {
    const first = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.sandbox}/errors`)).json();

    expect(first['@odata.context']).toBe(`${origin}/beta/$metadata#education/synchronizationProfiles('${PROFILE_IDS.sandbox}')/errors`);
    expect(first['@odata.count']).toBe(312);
    expect(first.value).toHaveLength(50);
    expect(first['@odata.nextLink']).toBe(`${origin}/beta/education/synchronizationProfiles/${PROFILE_IDS.sandbox}/errors?$top=50&$skip=50`);
    expect(first.value[0].recordedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const last = await (await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.sandbox}/errors?$top=50&$skip=300`)).json();
    expect(last.value).toHaveLength(12);
    expect(last['@odata.nextLink']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers a preflight', async () => {
    const response = await fetch(`${origin}/beta/education/synchronizationProfiles`, {
      method: 'OPTIONS',
      headers: { origin: TEST_APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,prefer' },
    });
    const allowedHeaders = response.headers.get('access-control-allow-headers').toLowerCase();

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('GET');
    expect(response.headers.get('access-control-max-age')).toMatch(/^\d+$/);
    for (const name of ['authorization', 'content-type', 'prefer', 'client-request-id', 'consistencylevel']) {
      expect(allowedHeaders).toContain(name);
    }
  });

  it('exposes request ids but not Retry-After', async () => {
    const response = await graphGet('/education/synchronizationProfiles', { headers: { origin: TEST_APP_ORIGIN } });
    const exposed = response.headers.get('access-control-expose-headers').toLowerCase().split(/,\s*/);

    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_APP_ORIGIN);
    expect(exposed).toEqual(expect.arrayContaining(['request-id', 'client-request-id', 'preference-applied']));
    expect(exposed).not.toContain('retry-after');
  });

  it('exposes Retry-After when the toggle is on', async () => {
    await control(origin, 'POST', '/cors', { exposeRetryAfter: true });
    const response = await graphGet('/education/synchronizationProfiles', { headers: { origin: TEST_APP_ORIGIN } });
    expect(response.headers.get('access-control-expose-headers').toLowerCase()).toContain('retry-after');
  });
});

describe('retired modes', () => {
  it('answers badRequestSegment', async () => {
    await control(origin, 'POST', '/classic/retired', { mode: 'badRequestSegment' });
    const error = await expectGraphError(await graphGet('/education/synchronizationProfiles'), 400, 'BadRequest');
    expect(error.message).toBe("Resource not found for the segment 'synchronizationProfiles'.");
  });

  it('answers notFound', async () => {
    await control(origin, 'POST', '/classic/retired', { mode: 'notFound' });
    await expectGraphError(await graphGet('/education/synchronizationProfiles'), 404, 'itemNotFound');
  });

  it('answers emptyList', async () => {
    await control(origin, 'POST', '/classic/retired', { mode: 'emptyList' });
    const list = await (await graphGet('/education/synchronizationProfiles')).json();

    expect(list.value).toEqual([]);
    await expectGraphError(await graphGet(`/education/synchronizationProfiles/${PROFILE_IDS.csv2024}/profileStatus`), 404, 'itemNotFound');
  });
});
