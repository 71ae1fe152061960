// Identity platform errors in Entra ID's shapes: the JSON body of the token endpoint, the error
// parameters of an authorize redirect, and the numbered AADSTS messages. Messages are paraphrased,
// so clients should branch on `error`, `error_codes` and `suberror`, not on the text.
import { randomUUID } from 'node:crypto';
import { formatIdentityTimestamp } from '../core/time-format.mjs';
import { TENANT_DISPLAY_NAME } from './directory.mjs';

/** AADSTS numbers with their OAuth `error` value and message. */
export const AADSTS = {
  missingParameter: {
    number: 900144,
    error: 'invalid_request',
    message: (name) => `The request body must contain the following parameter: '${name}'.`,
  },
  tenantNotFound: {
    number: 90002,
    error: 'invalid_tenant',
    message: (tenant) => `Tenant '${tenant}' not found. Check the tenant id or domain in the authority URL.`,
  },
  applicationNotFound: {
    number: 700016,
    error: 'invalid_client',
    message: (clientId) =>
      `Application with identifier '${clientId}' was not found in the directory '${TENANT_DISPLAY_NAME}'. The application may not be registered in this tenant, or the request went to the wrong tenant.`,
  },
  redirectUriNotRegistered: {
    number: 50011,
    error: 'invalid_request',
    message: (redirectUri, clientId) =>
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Register this exact URI as a single-page application redirect URI, or send one that is registered.`,
  },
  crossOriginNotSpa: {
    number: 9002326,
    error: 'invalid_request',
    message: (origin) =>
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
  },
  spaRequiresCrossOrigin: {
    number: 9002327,
    error: 'invalid_request',
    message: () =>
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  },
  pkceRequired: {
    number: 9002325,
    error: 'invalid_request',
    message: () => 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
  },
  unsupportedGrantType: {
    number: 70003,
    error: 'unsupported_grant_type',
    message: (grantType) => `The app requested an unsupported grant type '${grantType}'.`,
  },
  malformedGrant: {
    number: 9002313,
    error: 'invalid_grant',
    message: () => 'Invalid request. Request is malformed or invalid.',
  },
  grantForOtherClient: {
    number: 70000,
    error: 'invalid_grant',
    message: () => 'The provided grant is invalid or malformed: it was issued to a different application.',
  },
  codeRedeemed: {
    number: 54005,
    error: 'invalid_grant',
    message: () =>
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  },
  codeExpired: {
    number: 70008,
    error: 'invalid_grant',
    message: () =>
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  },
  redirectUriMissingForCode: {
    number: 700009,
    error: 'invalid_request',
    message: () =>
      'Reply address must be provided when presenting an authorization code requested with an explicit reply address.',
  },
  // NOTE: a guess. Entra documents AADSTS500112 for this case but not the `error` value it pairs with.
  // RFC 6749 section 5.2 names invalid_grant, and one public capture shows invalid_client.
  redirectUriMismatchForCode: {
    number: 500112,
    error: 'invalid_grant',
    message: (actual, expected) =>
      `The reply address '${actual}' does not match the reply address '${expected}' provided when requesting Authorization code.`,
  },
  pkceMismatch: {
    number: 501481,
    error: 'invalid_grant',
    message: () => 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  },
  invalidCodeChallengeMethod: {
    number: 50149,
    error: 'invalid_request',
    message: (method) => `Invalid code_challenge_method '${method}': use S256 or plain.`,
  },
  refreshTokenExpiredSpa: {
    number: 700084,
    error: 'invalid_grant',
    suberror: 'bad_token',
    message: (issuedAt) =>
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issuedAt}.`,
  },
  consentRequired: {
    number: 65001,
    error: 'invalid_grant',
    suberror: 'consent_required',
    message: (clientId) =>
      `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
  },
  resourceNotFound: {
    number: 500011,
    error: 'invalid_resource',
    message: (resource) =>
      `The resource principal named ${resource} was not found in the tenant named ${TENANT_DISPLAY_NAME}. Check the scope's resource URI.`,
  },
  unsupportedResponseType: {
    number: 700051,
    error: 'unsupported_response_type',
    message: (responseType) => `response_type '${responseType}' is not enabled for the application. Use 'code'.`,
  },
  unsupportedResponseMode: {
    number: 900144,
    error: 'invalid_request',
    message: (mode) => `The emulator supports response_mode 'query' and 'fragment', not '${mode}'.`,
  },
  loginRequired: {
    number: 50058,
    error: 'login_required',
    message: () => 'A silent sign-in request was sent but no user is signed in.',
  },
  consentRequiredInteractive: {
    number: 65001,
    error: 'consent_required',
    message: (clientId) =>
      `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
  },
  userCancelled: {
    number: 65004,
    error: 'access_denied',
    message: () => 'User declined to consent to access the app.',
  },
  postOnly: {
    number: 900561,
    error: 'invalid_request',
    message: () => 'The endpoint only accepts POST requests.',
  },
  unknownAccount: {
    number: 50034,
    error: 'invalid_request',
    message: (objectId) => `The user account '${objectId}' does not exist in the directory.`,
  },
  transientError: {
    number: 90033,
    error: 'temporarily_unavailable',
    message: () => 'A transient error has occurred. Try again.',
  },
};

/**
 * Describes one failure: its AADSTS entry, the description text with Entra's trailing ids, and the
 * ids themselves.
 */
export function describeError(entry, args, { nowMs, correlationId }) {
  const traceId = randomUUID();
  const timestamp = formatIdentityTimestamp(nowMs);
  const description =
    `AADSTS${entry.number}: ${entry.message(...args)}\r\n` +
    `Trace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
  return { entry, description, traceId, timestamp, correlationId };
}

/** Builds the JSON body of a token endpoint failure. */
export function tokenErrorBody(described, origin) {
  const { entry } = described;
  const body = {
    error: entry.error,
    error_description: described.description,
    error_codes: [entry.number],
    timestamp: described.timestamp,
    trace_id: described.traceId,
    correlation_id: described.correlationId,
    error_uri: `${origin}/error?code=${entry.number}`,
  };
  if (entry.suberror) body.suberror = entry.suberror;
  return body;
}

/** Builds the error parameters of an authorize redirect. */
export function redirectErrorParameters(described, origin, state) {
  const parameters = {
    error: described.entry.error,
    error_description: described.description,
    error_uri: `${origin}/error?code=${described.entry.number}`,
  };
  if (state !== undefined && state !== null) parameters.state = state;
  return parameters;
}
