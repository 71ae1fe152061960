// A Node client for the emulator's identity platform that sends what MSAL.js sends (PKCE S256,
// fragment response mode, Origin header), for tests that need tokens without a browser.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const TEST_CLIENT_ID = '3c9a7f52-6b1e-4d08-9f3a-2e5c8b7d1a64';
export const TEST_APP_ORIGIN = 'http://localhost:5173';
export const TEST_REDIRECT_URI = `${TEST_APP_ORIGIN}/redirect.html`;
export const ADMIN_OBJECT_ID = '5b1e9c3d-2f4a-4e8b-a7c6-0d9e8f1a2b3c';
export const TEACHER_OBJECT_ID = 'c4a2e8f6-1b3d-4f5a-8e7c-9d0b1a2c3e4f';
export const GRAPH_SCOPES = [
  'https://graph.microsoft.com/EduAdministration.Read',
  'https://graph.microsoft.com/IndustryData-Run.Read.All',
  'https://graph.microsoft.com/IndustryData-InboundFlow.Read.All',
];

/** The client registration tests start the emulator with. */
export const TEST_CLIENTS = [{ clientId: TEST_CLIENT_ID, redirectUris: [TEST_REDIRECT_URI], displayName: 'SDS Sync Monitor' }];

export function createPkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Authorize parameters as MSAL.js sends them, with `overrides` applied (undefined removes one). */
export function authorizeParameters({ challenge, scopes = GRAPH_SCOPES, overrides = {} }) {
  const parameters = {
    client_id: TEST_CLIENT_ID,
    scope: [...scopes, 'openid', 'profile', 'offline_access'].join(' '),
    redirect_uri: TEST_REDIRECT_URI,
    'client-request-id': randomUUID(),
    response_mode: 'fragment',
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    nonce: randomUUID(),
    state: randomBytes(12).toString('base64url'),
    client_info: '1',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined));
}

/** Reads the parameters of a redirect to the app, from its fragment or its query. */
export function redirectParameters(location) {
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

export async function getAuthorize(origin, tenantId, parameters, cookie) {
  const url = `${origin}/${tenantId}/oauth2/v2.0/authorize?${new URLSearchParams(parameters)}`;
  return fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** Submits the account picker's form: `choice` is an account object id or 'cancel'. */
export async function postAccountChoice(origin, tenantId, parameters, choice) {
  const form = new URLSearchParams(parameters);
  if (choice === 'cancel') form.set('action', 'cancel');
  else form.set('account', choice);
  return fetch(`${origin}/${tenantId}/oauth2/v2.0/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

/** POSTs a token request; `form` fields are sent as given. */
export async function postToken(origin, tenantId, form, { appOrigin = TEST_APP_ORIGIN } = {}) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' };
  if (appOrigin) headers.origin = appOrigin;
  return fetch(`${origin}/${tenantId}/oauth2/v2.0/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
}

/**
 * Signs in through the picker and returns `{ code, parameters, verifier, cookie }`: a fresh code
 * for `accountObjectId`, not yet redeemed.
 */
export async function obtainCode(origin, tenantId, { accountObjectId = ADMIN_OBJECT_ID, scopes, overrides } = {}) {
  const { verifier, challenge } = createPkce();
  const parameters = authorizeParameters({ challenge, scopes, overrides });
  const response = await postAccountChoice(origin, tenantId, parameters, accountObjectId);
  if (response.status !== 302) throw new Error(`Account choice returned ${response.status}: ${await response.text()}`);
  const returned = redirectParameters(response.headers.get('location'));
  const cookie = response.headers.getSetCookie()[0].split(';')[0];
  return { code: returned.get('code'), returned, parameters, verifier, cookie };
}

/** Signs in and redeems the code; returns the token response body. */
export async function signIn(origin, tenantId, options = {}) {
  const { code, parameters, verifier } = await obtainCode(origin, tenantId, options);
  const response = await postToken(origin, tenantId, {
    client_id: TEST_CLIENT_ID,
    redirect_uri: TEST_REDIRECT_URI,
    scope: parameters.scope,
    code,
    code_verifier: verifier,
    grant_type: 'authorization_code',
    client_info: '1',
  });
  if (response.status !== 200) throw new Error(`Token request returned ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Control API call: `path` below /_emulator, `body` sent as JSON for POST. */
export async function control(origin, method, path, body) {
  const response = await fetch(`${origin}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
