import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt } from '../core/jwt.mjs';
import { startEmulator } from '../server.mjs';
import {
  ADMIN_OBJECT_ID,
  authorizeParameters,
  control,
  createPkce,
  getAuthorize,
  GRAPH_SCOPES,
  obtainCode,
  postAccountChoice,
  postToken,
  redirectParameters,
  signIn,
  TEACHER_OBJECT_ID,
  TEST_APP_ORIGIN,
  TEST_CLIENT_ID,
  TEST_CLIENTS,
  TEST_REDIRECT_URI,
} from '../testing/identity-client.mjs';

const HOUR_MS = 60 * 60 * 1000;
let emulator;
let origin;
let tenantId;

beforeAll(async () => {
  emulator = await startEmulator({ clients: TEST_CLIENTS });
  origin = emulator.httpOrigin;
  tenantId = emulator.tenantId;
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await control(origin, 'POST', '/reset', { now: '2025-03-03T08:00:00Z' });
});

function codeRedemption(obtained, overrides = {}) {
  return {
    client_id: TEST_CLIENT_ID,
    redirect_uri: TEST_REDIRECT_URI,
    scope: obtained.parameters.scope,
    code: obtained.code,
    code_verifier: obtained.verifier,
    grant_type: 'authorization_code',
    client_info: '1',
    ...overrides,
  };
}

function refreshRequest(refreshToken, scope = [...GRAPH_SCOPES, 'openid', 'profile', 'offline_access'].join(' ')) {
  return { client_id: TEST_CLIENT_ID, refresh_token: refreshToken, scope, grant_type: 'refresh_token', client_info: '1' };
}

async function expectTokenError(response, { error, code, suberror }) {
  expect(response.status).toBe(400);
  const body = await response.json();
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  if (suberror) expect(body.suberror).toBe(suberror);
  return body;
}

describe('discovery', () => {
  it('advertises the listener it was asked on', async () => {
    const response = await fetch(`${origin}/${tenantId}/v2.0/.well-known/openid-configuration`);
    const document = await response.json();

    expect(response.status).toBe(200);
    expect(document.issuer).toBe(`${origin}/${tenantId}/v2.0`);
    expect(document.authorization_endpoint).toBe(`${origin}/${tenantId}/oauth2/v2.0/authorize`);
    expect(document.token_endpoint).toBe(`${origin}/${tenantId}/oauth2/v2.0/token`);
    expect(document.end_session_endpoint).toBe(`${origin}/${tenantId}/oauth2/v2.0/logout`);
    expect(document.jwks_uri).toBe(`${origin}/${tenantId}/discovery/v2.0/keys`);
    expect(document.response_modes_supported).toContain('fragment');
  });

  it('serves the document without v2.0 in the path', async () => {
    const response = await fetch(`${origin}/${tenantId}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect((await response.json()).issuer).toBe(`${origin}/${tenantId}/v2.0`);
  });

  it('echoes only registered SPA origins', async () => {
    const url = `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`;
    const registered = await fetch(url, { headers: { origin: TEST_APP_ORIGIN } });
    const stranger = await fetch(url, { headers: { origin: 'http://localhost:9999' } });

    expect(registered.headers.get('access-control-allow-origin')).toBe(TEST_APP_ORIGIN);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects an unknown tenant', async () => {
    const response = await fetch(`${origin}/contoso.example/v2.0/.well-known/openid-configuration`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
  });

  it('publishes the ID token signing key', async () => {
    const tokens = await signIn(origin, tenantId);
    const keys = await (await fetch(`${origin}/${tenantId}/discovery/v2.0/keys`)).json();

    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0].kty).toBe('RSA');
    expect(keys.keys[0].kid).toBe(decodeJwt(tokens.id_token).header.kid);
  });
});

describe('authorize', () => {
  it('shows an error page for an unknown client', async () => {
    const { challenge } = createPkce();
    const response = await getAuthorize(origin, tenantId, authorizeParameters({ challenge, overrides: { client_id: '00000000-0000-0000-0000-000000000001' } }));

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('AADSTS700016');
  });

  it('shows an error page for an unregistered redirect URI', async () => {
    const { challenge } = createPkce();
    const response = await getAuthorize(origin, tenantId, authorizeParameters({ challenge, overrides: { redirect_uri: `${TEST_APP_ORIGIN}/other.html` } }));

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('AADSTS50011');
  });

  it('shows the account picker without a session', async () => {
    const { challenge } = createPkce();
    const response = await getAuthorize(origin, tenantId, authorizeParameters({ challenge }));
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(html).toContain('<h1>Pick an account</h1>');
    expect(html).toMatch(/<button class="account"[^>]*>\s*<span>Avery Howard<\/span>\s*<span class="upn">avery\.howard@fabrikamschools\.example<\/span>/);
    expect(html).toContain('riley.chen@fabrikamschools.example');
    expect(html).toMatch(/<button class="cancel"[^>]*>Cancel<\/button>/);
  });

  it('redirects login_required for a silent request without a session', async () => {
    const { challenge } = createPkce();
    const parameters = authorizeParameters({ challenge, overrides: { prompt: 'none' } });
    const response = await getAuthorize(origin, tenantId, parameters);

    expect(response.status).toBe(302);
    const location = response.headers.get('location');
    expect(location.startsWith(`${TEST_REDIRECT_URI}#`)).toBe(true);
    const returned = redirectParameters(location);
    expect(returned.get('error')).toBe('login_required');
    expect(returned.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(returned.get('state')).toBe(parameters.state);
  });

  it('issues a code from the picker with a session cookie', async () => {
    const { returned, parameters, cookie } = await obtainCode(origin, tenantId);
    const clientInfo = JSON.parse(Buffer.from(returned.get('client_info'), 'base64url').toString());

    expect(returned.get('code')).toBeTruthy();
    expect(returned.get('state')).toBe(parameters.state);
    expect(returned.get('session_state')).toMatch(/^[0-9a-f-]{36}$/);
    expect(clientInfo).toEqual({ uid: ADMIN_OBJECT_ID, utid: tenantId });
    expect(cookie).toMatch(/^emulator_session_\d+=/);
  });

  it('sets a Lax session cookie on http', async () => {
    const { challenge } = createPkce();
    const response = await postAccountChoice(origin, tenantId, authorizeParameters({ challenge }), ADMIN_OBJECT_ID);
    const setCookie = response.headers.getSetCookie()[0];

    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).not.toContain('Secure');
  });

  it('signs in silently with a session', async () => {
    const { cookie, returned: first } = await obtainCode(origin, tenantId);
    const { challenge } = createPkce();
    const response = await getAuthorize(origin, tenantId, authorizeParameters({ challenge, overrides: { prompt: 'none' } }), cookie);
    const returned = redirectParameters(response.headers.get('location'));

    expect(response.status).toBe(302);
    expect(returned.get('code')).toBeTruthy();
    expect(returned.get('session_state')).toBe(first.get('session_state'));
  });

  it('uses query response mode when asked', async () => {
    const { challenge } = createPkce();
    const parameters = authorizeParameters({ challenge, overrides: { response_mode: 'query', prompt: 'none' } });
    const response = await getAuthorize(origin, tenantId, parameters);

    expect(response.headers.get('location').startsWith(`${TEST_REDIRECT_URI}?error=login_required`)).toBe(true);
  });

  it('redirects access_denied on cancel', async () => {
    const { challenge } = createPkce();
    const response = await postAccountChoice(origin, tenantId, authorizeParameters({ challenge }), 'cancel');
    const returned = redirectParameters(response.headers.get('location'));

    expect(response.status).toBe(302);
    expect(returned.get('error')).toBe('access_denied');
    expect(returned.get('code')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('redirects consent_required silently for unconsented scopes', async () => {
    const { cookie } = await obtainCode(origin, tenantId);
    const { challenge } = createPkce();
    const parameters = authorizeParameters({ challenge, scopes: ['https://graph.microsoft.com/Mail.Read'], overrides: { prompt: 'none' } });
    const returned = redirectParameters((await getAuthorize(origin, tenantId, parameters, cookie)).headers.get('location'));

    expect(returned.get('error')).toBe('consent_required');
    expect(returned.get('error_description')).toMatch(/^AADSTS65001: /);
  });
});

describe('token: authorization code', () => {
  it('returns the tokens Entra returns', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained));
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_APP_ORIGIN);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(body.token_type).toBe('Bearer');
    expect(body.scope).toBe(`${GRAPH_SCOPES.join(' ')} openid profile offline_access`);
    expect(body.expires_in).toBe(3600);
    expect(body.ext_expires_in).toBe(3600);
    expect(body.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString())).toEqual({ uid: ADMIN_OBJECT_ID, utid: tenantId });
  });

  it('puts Entra claims in the ID token', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const body = await (await postToken(origin, tenantId, codeRedemption(obtained))).json();
    const { header, payload } = decodeJwt(body.id_token);
    const issuedAt = Date.parse('2025-03-03T08:00:00Z') / 1000;

    expect(header.alg).toBe('RS256');
    expect(payload.aud).toBe(TEST_CLIENT_ID);
    expect(payload.iss).toBe(`${origin}/${tenantId}/v2.0`);
    expect(payload.tid).toBe(tenantId);
    expect(payload.oid).toBe(ADMIN_OBJECT_ID);
    expect(payload.preferred_username).toBe('avery.howard@fabrikamschools.example');
    expect(payload.name).toBe('Avery Howard');
    expect(payload.nonce).toBe(obtained.parameters.nonce);
    expect(payload.ver).toBe('2.0');
    expect(payload.sub).toBeTruthy();
    expect(payload.iat).toBeGreaterThanOrEqual(issuedAt);
    expect(payload.iat).toBeLessThan(issuedAt + 60);
    expect(payload.exp).toBe(payload.iat + 3600);
  });

  it('puts Graph claims in the access token', async () => {
    const body = await signIn(origin, tenantId);
    const { payload } = decodeJwt(body.access_token);

    expect(payload.aud).toBe('00000003-0000-0000-c000-000000000000');
    expect(payload.tid).toBe(tenantId);
    expect(payload.oid).toBe(ADMIN_OBJECT_ID);
    expect(payload.upn).toBe('avery.howard@fabrikamschools.example');
    expect(payload.scp).toBe('EduAdministration.Read IndustryData-Run.Read.All IndustryData-InboundFlow.Read.All');
    expect(payload.wids).toContain('62e90394-69f5-4237-9190-012177145e10');
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('gives the teacher no administrator role', async () => {
    const body = await signIn(origin, tenantId, { accountObjectId: TEACHER_OBJECT_ID });
    const { payload } = decodeJwt(body.access_token);

    expect(payload.upn).toBe('riley.chen@fabrikamschools.example');
    expect(payload.wids).not.toContain('62e90394-69f5-4237-9190-012177145e10');
  });

  it('rejects a wrong PKCE verifier', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained, { code_verifier: createPkce().verifier }));
    await expectTokenError(response, { error: 'invalid_grant', code: 501481 });
  });

  it('rejects a different redirect URI', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained, { redirect_uri: `${TEST_APP_ORIGIN}/` }));
    await expectTokenError(response, { error: 'invalid_grant', code: 500112 });
  });

  it('rejects an unknown client', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained, { client_id: '00000000-0000-0000-0000-000000000002' }));
    await expectTokenError(response, { error: 'invalid_client', code: 700016 });
  });

  it('rejects a code older than 10 minutes', async () => {
    const obtained = await obtainCode(origin, tenantId);
    await control(origin, 'POST', '/clock', { advanceMs: 10 * 60 * 1000 + 1000 });
    const response = await postToken(origin, tenantId, codeRedemption(obtained));
    await expectTokenError(response, { error: 'invalid_grant', code: 70008 });
  });

  it('redeems a code only once', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const first = await postToken(origin, tenantId, codeRedemption(obtained));
    const second = await postToken(origin, tenantId, codeRedemption(obtained));

    expect(first.status).toBe(200);
    await expectTokenError(second, { error: 'invalid_grant', code: 54005 });
  });

  it('rejects a code whose consent was withdrawn', async () => {
    const obtained = await obtainCode(origin, tenantId);
    await control(origin, 'POST', '/consent', { scopes: ['https://graph.microsoft.com/User.Read'] });
    const response = await postToken(origin, tenantId, codeRedemption(obtained));
    await expectTokenError(response, { error: 'invalid_grant', code: 65001, suberror: 'consent_required' });
  });

  it('rejects an origin that is not a registered SPA', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained), { appOrigin: 'http://localhost:9999' });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    await expectTokenError(response, { error: 'invalid_request', code: 9002326 });
  });

  it('rejects a redemption without Origin', async () => {
    const obtained = await obtainCode(origin, tenantId);
    const response = await postToken(origin, tenantId, codeRedemption(obtained), { appOrigin: null });
    await expectTokenError(response, { error: 'invalid_request', code: 9002327 });
  });

  it('answers a CORS preflight', async () => {
    const response = await fetch(`${origin}/${tenantId}/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: { origin: TEST_APP_ORIGIN, 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('token: refresh', () => {
  it('rotates the refresh token', async () => {
    const first = await signIn(origin, tenantId);
    const response = await postToken(origin, tenantId, refreshRequest(first.refresh_token));
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body.access_token).not.toBe(first.access_token);
    expect(decodeJwt(body.id_token).payload.nonce).toBeUndefined();
  });

  it('issues tokens dated by the emulator clock', async () => {
    const first = await signIn(origin, tenantId);
    await control(origin, 'POST', '/clock', { advanceMs: 2 * HOUR_MS });
    const body = await (await postToken(origin, tenantId, refreshRequest(first.refresh_token))).json();

    const before = decodeJwt(first.access_token).payload.iat;
    expect(decodeJwt(body.access_token).payload.iat - before).toBeGreaterThanOrEqual(7200);
    expect(decodeJwt(body.access_token).payload.iat - before).toBeLessThan(7260);
  });

  it('rejects a refresh token past its fixed lifetime', async () => {
    const first = await signIn(origin, tenantId);
    await control(origin, 'POST', '/clock', { advanceMs: 23 * HOUR_MS });
    const renewed = await (await postToken(origin, tenantId, refreshRequest(first.refresh_token))).json();
    await control(origin, 'POST', '/clock', { advanceMs: HOUR_MS + 1000 });

    const body = await expectTokenError(await postToken(origin, tenantId, refreshRequest(renewed.refresh_token)), {
      error: 'invalid_grant',
      code: 700084,
      suberror: 'bad_token',
    });
    expect(body.error_description).toContain('2025-03-03T08:00:');
  });

  it('rejects a scope without admin consent', async () => {
    const first = await signIn(origin, tenantId);
    await control(origin, 'POST', '/consent', { scopes: ['https://graph.microsoft.com/EduAdministration.Read'] });
    const response = await postToken(origin, tenantId, refreshRequest(first.refresh_token));

    await expectTokenError(response, { error: 'invalid_grant', code: 65001, suberror: 'consent_required' });
  });

  it('rejects an unknown refresh token', async () => {
    const response = await postToken(origin, tenantId, refreshRequest('1.Anot-a-token'));
    await expectTokenError(response, { error: 'invalid_grant', code: 9002313 });
  });
});

describe('consent', () => {
  it('issues only consented scopes from the picker', async () => {
    await control(origin, 'POST', '/consent', {
      scopes: ['https://graph.microsoft.com/EduAdministration.Read', 'https://graph.microsoft.com/User.Read'],
    });
    const body = await signIn(origin, tenantId);

    expect(body.scope).toBe('https://graph.microsoft.com/EduAdministration.Read openid profile offline_access');
    expect(decodeJwt(body.access_token).payload.scp).toBe('EduAdministration.Read');
  });
});

describe('logout', () => {
  it('ends the session and returns to a registered URI', async () => {
    const { cookie } = await obtainCode(origin, tenantId);
    const logout = await fetch(
      `${origin}/${tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(TEST_REDIRECT_URI)}`,
      { redirect: 'manual', headers: { cookie } },
    );
    const { challenge } = createPkce();
    const silent = await getAuthorize(origin, tenantId, authorizeParameters({ challenge, overrides: { prompt: 'none' } }), cookie);

    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(TEST_REDIRECT_URI);
    expect(logout.headers.getSetCookie()[0]).toContain('Max-Age=0');
    expect(redirectParameters(silent.headers.get('location')).get('error')).toBe('login_required');
  });

  it('shows a page for an unregistered URI', async () => {
    const response = await fetch(
      `${origin}/${tenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:9999/')}`,
      { redirect: 'manual' },
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You signed out of your account');
  });
});
