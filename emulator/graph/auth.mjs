// Bearer token checks of the Graph emulator: signature (HS256, emulator secret), audience and
// lifetime against the emulator clock. Permission checks belong to each resource.
import { GRAPH_APPLICATION_ID, isAdministrator } from '../identity/directory.mjs';
import { graphError } from './envelope.mjs';

const NOT_BEFORE_SKEW_SECONDS = 300;

function unauthorized(message, origin) {
  // The header Graph sends with a 401, pointing at the identity platform.
  const challenge = `Bearer realm="", authorization_uri="${origin}/common/oauth2/authorize", client_id="${GRAPH_APPLICATION_ID}"`;
  return { ok: false, result: graphError(401, 'InvalidAuthenticationToken', message, { 'WWW-Authenticate': challenge }) };
}

/**
 * Checks the Authorization header. Returns `{ ok: true, caller }` with the token's scopes (a Set of
 * short names), object id and administrator flag, or `{ ok: false, result }` with the 401 to send.
 */
export function authenticate(authorizationHeader, { issuer, nowMs, origin }) {
  const match = /^Bearer\s+(\S*)\s*$/i.exec(authorizationHeader ?? '');
  const token = match?.[1] ?? '';
  if (token === '') return unauthorized('Access token is empty.', origin);

  const verified = issuer.verifyAccessToken(token);
  if (verified.problem === 'malformed') return unauthorized('IDX14100: JWT is not well formed.', origin);
  if (verified.problem) return unauthorized('Access token validation failure. Invalid signature.', origin);

  const claims = verified.payload;
  if (claims.aud !== GRAPH_APPLICATION_ID && claims.aud !== 'https://graph.microsoft.com') {
    return unauthorized('Access token validation failure. Invalid audience.', origin);
  }
  const nowSeconds = nowMs / 1000;
  if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) {
    return unauthorized('Lifetime validation failed, the token is expired.', origin);
  }
  // Tolerates a clock set back a little after issue, like the 5-minute skew of Microsoft's token
  // validation. `exp` gets no tolerance, so tests can expire a token exactly.
  if (typeof claims.nbf === 'number' && nowSeconds < claims.nbf - NOT_BEFORE_SKEW_SECONDS) {
    return unauthorized('Lifetime validation failed, the token is not yet valid.', origin);
  }

  return {
    ok: true,
    caller: {
      objectId: claims.oid,
      scopes: new Set(String(claims.scp ?? '').split(' ').filter(Boolean)),
      isAdministrator: isAdministrator(claims.wids),
    },
  };
}

/** Returns true when the caller's scopes include one of `acceptedScopes`, ignoring case. */
export function hasAnyScope(caller, acceptedScopes) {
  const grantedScopes = new Set([...caller.scopes].map((scope) => scope.toLowerCase()));
  return acceptedScopes.some((scope) => grantedScopes.has(scope.toLowerCase()));
}
