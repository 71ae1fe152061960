// The token endpoint: authorization_code (with PKCE) and refresh_token grants for single-page
// applications, with Entra ID's checks, error bodies and CORS rules.
import { createHash, randomUUID } from 'node:crypto';
import { findAccount } from './directory.mjs';
import { AADSTS, describeError, tokenErrorBody } from './errors.mjs';
import { formatResponseScope, splitScopes } from './scopes.mjs';
import { CODE_LIFETIME_MS } from './store.mjs';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store, no-cache',
  pragma: 'no-cache',
};

/** Returns the CORS headers of the token and discovery endpoints, which allow only origins of registered SPAs. */
export function identityCorsHeaders(clients, origin) {
  if (!origin || !clients.isSpaOrigin(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

function verifyCodeChallenge(record, verifier) {
  if (typeof verifier !== 'string' || verifier === '') return false;
  if (record.codeChallengeMethod === 'plain') return verifier === record.codeChallenge;
  return createHash('sha256').update(verifier).digest('base64url') === record.codeChallenge;
}

export function createTokenHandler({
  clock,
  clients,
  consent,
  store,
  issuer,
  accessTokenLifetimeSeconds,
  refreshTokenLifetimeSeconds,
}) {
  return async function handleToken(exchange) {
    const requestOrigin = exchange.headers.origin;
    const cors = identityCorsHeaders(clients, requestOrigin);

    if (exchange.method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': exchange.headers['access-control-request-headers'] ?? 'content-type',
          'access-control-max-age': '86400',
        },
        body: '',
      };
    }

    const correlationId = exchange.url.searchParams.get('client-request-id') ?? randomUUID();
    const failure = (entry, ...args) => {
      const described = describeError(entry, args, { nowMs: clock.now(), correlationId });
      return {
        status: 400,
        headers: { ...JSON_HEADERS, ...cors, 'x-ms-request-id': described.traceId },
        body: JSON.stringify(tokenErrorBody(described, exchange.origin)),
        logNote: `AADSTS${entry.number}`,
      };
    };

    if (exchange.method !== 'POST') return failure(AADSTS.postOnly);
    const form = new URLSearchParams(await exchange.readBody());
    const get = (name) => form.get(name) ?? undefined;

    const clientId = get('client_id');
    if (!clientId) return failure(AADSTS.missingParameter, 'client_id');
    const client = clients.find(clientId);
    if (!client) return failure(AADSTS.applicationNotFound, clientId);
    if (requestOrigin && !client.origins.has(requestOrigin)) {
      // Entra sends no CORS header here, so browser code gets a network error.
      const reply = failure(AADSTS.crossOriginNotSpa, requestOrigin);
      delete reply.headers['access-control-allow-origin'];
      return reply;
    }

    const grantType = get('grant_type');
    if (!grantType) return failure(AADSTS.missingParameter, 'grant_type');

    const issueTokens = ({ account, grants, requestedScopes, nonce, sessionState, signedInAtMs }) => {
      const nowMs = clock.now();
      const body = {
        token_type: 'Bearer',
        scope: formatResponseScope(grants),
        expires_in: accessTokenLifetimeSeconds,
        ext_expires_in: accessTokenLifetimeSeconds,
        access_token: issuer.accessToken({
          origin: exchange.origin,
          account,
          clientId: client.clientId,
          shortNames: grants.map((grant) => grant.shortName),
          sessionState,
          nowMs,
        }),
      };
      const requested = new Set(requestedScopes.map((scope) => scope.toLowerCase()));
      if (requested.has('offline_access') || grantType === 'refresh_token') {
        body.refresh_token = store.createRefreshToken({
          clientId: client.clientId,
          objectId: account.objectId,
          grants,
          sessionState,
          signedInAtMs,
        });
      }
      if (requested.has('openid')) {
        body.id_token = issuer.idToken({ origin: exchange.origin, account, clientId: client.clientId, nonce, sessionState, nowMs });
      }
      body.client_info = issuer.clientInfo(account);
      return {
        status: 200,
        headers: { ...JSON_HEADERS, ...cors, 'x-ms-request-id': randomUUID() },
        body: JSON.stringify(body),
      };
    };

    if (grantType === 'authorization_code') {
      const code = get('code');
      if (!code) return failure(AADSTS.missingParameter, 'code');
      const record = store.getCode(code);
      if (!record) return failure(AADSTS.malformedGrant);
      if (record.clientId !== client.clientId) return failure(AADSTS.grantForOtherClient);
      if (record.redeemed) return failure(AADSTS.codeRedeemed);
      if (clock.now() - record.issuedAtMs > CODE_LIFETIME_MS) return failure(AADSTS.codeExpired);
      const redirectUri = get('redirect_uri');
      if (!redirectUri) return failure(AADSTS.redirectUriMissingForCode);
      if (redirectUri !== record.redirectUri) {
        return failure(AADSTS.redirectUriMismatchForCode, redirectUri, record.redirectUri);
      }
      if (!requestOrigin) return failure(AADSTS.spaRequiresCrossOrigin);
      if (!record.codeChallenge) return failure(AADSTS.pkceRequired);
      if (!verifyCodeChallenge(record, get('code_verifier'))) return failure(AADSTS.pkceMismatch);
      // Consent withdrawn since the code was issued.
      if (consent.evaluate(record.grants.map((grant) => grant.requested)).missing.length > 0) {
        return failure(AADSTS.consentRequired, client.clientId);
      }

      record.redeemed = true;
      return issueTokens({
        account: findAccount(record.objectId),
        grants: record.grants,
        requestedScopes: record.requestedScopes,
        nonce: record.nonce,
        sessionState: record.sessionState,
        // A single-page app's refresh token lives a fixed time from here; refreshing does not extend it.
        signedInAtMs: clock.now(),
      });
    }

    if (grantType === 'refresh_token') {
      const refreshToken = get('refresh_token');
      if (!refreshToken) return failure(AADSTS.missingParameter, 'refresh_token');
      const record = store.getRefreshToken(refreshToken);
      if (!record) return failure(AADSTS.malformedGrant);
      if (record.clientId !== client.clientId) return failure(AADSTS.grantForOtherClient);
      if (!requestOrigin) return failure(AADSTS.spaRequiresCrossOrigin);
      if (clock.now() - record.signedInAtMs >= refreshTokenLifetimeSeconds * 1000) {
        return failure(AADSTS.refreshTokenExpiredSpa, new Date(record.signedInAtMs).toISOString());
      }

      const requestedScopes = splitScopes(get('scope'));
      const evaluation = consent.evaluate(
        requestedScopes.length > 0 ? requestedScopes : record.grants.map((grant) => grant.requested),
      );
      if (evaluation.otherResources.length > 0) return failure(AADSTS.resourceNotFound, evaluation.otherResources[0]);
      if (evaluation.missing.length > 0) return failure(AADSTS.consentRequired, client.clientId);

      // NOTE: the used refresh token stays valid until its own expiry; Entra does not document
      // revoking it on rotation.
      return issueTokens({
        account: findAccount(record.objectId),
        grants: evaluation.granted,
        requestedScopes: requestedScopes.length > 0 ? requestedScopes : ['openid', 'offline_access'],
        sessionState: record.sessionState,
        signedInAtMs: record.signedInAtMs,
      });
    }

    return failure(AADSTS.unsupportedGrantType, grantType);
  };
}
