// Minting of ID tokens (RS256, key published in the JWKS), Graph access tokens (HS256 with a secret
// made at start) and client_info, with the claims Entra ID puts in them.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { base64UrlEncode, signHs256, signRs256, verifyHs256 } from '../core/jwt.mjs';
import { GRAPH_APPLICATION_ID } from './directory.mjs';

export function createTokenIssuer({ tenantId, accessTokenLifetimeSeconds, idTokenLifetimeSeconds = 3600 }) {
  const accessTokenSecret = randomBytes(32);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 27);

  function pairwiseSubject(objectId, audience) {
    return createHash('sha256').update(`${objectId}:${audience}`).digest('base64url').slice(0, 43);
  }

  return {
    /** Returns the JSON Web Key Set of the ID token signing key. */
    jwks(issuer) {
      const jwk = publicKey.export({ format: 'jwk' });
      return { keys: [{ kty: jwk.kty, use: 'sig', kid: keyId, n: jwk.n, e: jwk.e, issuer }] };
    },

    /** Returns base64url of `{"uid": oid, "utid": tid}`, which MSAL turns into the home account id. */
    clientInfo(account) {
      return base64UrlEncode(JSON.stringify({ uid: account.objectId, utid: tenantId }));
    },

    idToken({ origin, account, clientId, nonce, sessionState, nowMs }) {
      const issuedAt = Math.floor(nowMs / 1000);
      const claims = {
        aud: clientId,
        iss: `${origin}/${tenantId}/v2.0`,
        iat: issuedAt,
        nbf: issuedAt,
        exp: issuedAt + idTokenLifetimeSeconds,
        name: account.displayName,
        oid: account.objectId,
        preferred_username: account.userPrincipalName,
        rh: randomBytes(24).toString('base64url'),
        sid: sessionState,
        sub: pairwiseSubject(account.objectId, clientId),
        tid: tenantId,
        uti: randomBytes(16).toString('base64url'),
        ver: '2.0',
      };
      if (nonce !== undefined) claims.nonce = nonce;
      return signRs256(claims, privateKey, keyId);
    },

    /** Signs a Graph access token whose `scp` lists `shortNames` (e.g. EduAdministration.Read). */
    accessToken({ origin, account, clientId, shortNames, sessionState, nowMs }) {
      const issuedAt = Math.floor(nowMs / 1000);
      return signHs256(
        {
          aud: GRAPH_APPLICATION_ID,
          iss: `${origin}/${tenantId}/`,
          iat: issuedAt,
          nbf: issuedAt,
          exp: issuedAt + accessTokenLifetimeSeconds,
          acct: 0,
          acr: '1',
          amr: ['pwd'],
          appid: clientId,
          appidacr: '0',
          family_name: account.surname,
          given_name: account.givenName,
          idtyp: 'user',
          ipaddr: '127.0.0.1',
          name: account.displayName,
          oid: account.objectId,
          scp: shortNames.join(' '),
          sid: sessionState,
          sub: pairwiseSubject(account.objectId, GRAPH_APPLICATION_ID),
          tid: tenantId,
          unique_name: account.userPrincipalName,
          upn: account.userPrincipalName,
          uti: randomUUID(),
          ver: '1.0',
          wids: [...account.roleTemplateIds],
        },
        accessTokenSecret,
      );
    },

    /** Checks an access token's signature; see verifyHs256 for the result shape. */
    verifyAccessToken(token) {
      return verifyHs256(token, accessTokenSecret);
    },
  };
}
