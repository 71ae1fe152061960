// The authorize endpoint: authorization code flow with PKCE, as MSAL.js drives it. Problems with
// the client id or redirect URI get an HTML error page, because Entra does not redirect to an
// unverified URI. Every later problem redirects back with error parameters.
import { randomUUID } from 'node:crypto';
import { findAccount } from './directory.mjs';
import { AADSTS, describeError, redirectErrorParameters } from './errors.mjs';
import { accountPickerPage, errorPage, PAGE_HEADERS } from './pages.mjs';
import { splitScopes } from './scopes.mjs';
import { readSessionCookie, sessionCookie } from './session-cookie.mjs';

const RESPONSE_MODES = new Set(['query', 'fragment']);
const CODE_CHALLENGE_METHODS = new Set(['S256', 'plain']);
/** Picker form fields that are not authorize parameters. */
const FORM_ONLY_FIELDS = new Set(['account', 'action']);

function redirectLocation(redirectUri, responseMode, parameters) {
  const encoded = new URLSearchParams(parameters).toString();
  if (responseMode === 'fragment') return `${redirectUri}#${encoded}`;
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`;
}

function redirectReply(location, setCookie) {
  const headers = { location, 'cache-control': 'no-store, no-cache' };
  if (setCookie) headers['set-cookie'] = [setCookie];
  return { status: 302, headers, body: '' };
}

export function createAuthorizeHandler({ clock, clients, consent, store, issuer }) {
  return async function handleAuthorize(exchange) {
    const parameters =
      exchange.method === 'POST' ? new URLSearchParams(await exchange.readBody()) : exchange.url.searchParams;
    const get = (name) => parameters.get(name) ?? undefined;
    const correlationId = get('client-request-id') ?? randomUUID();
    const describe = (entry, ...args) => describeError(entry, args, { nowMs: clock.now(), correlationId });
    const errorReply = (entry, ...args) => ({ status: 400, headers: PAGE_HEADERS, body: errorPage(describe(entry, ...args)) });

    // Entra reports these on a page, because the redirect URI cannot be trusted yet.
    const clientId = get('client_id');
    if (!clientId) return errorReply(AADSTS.missingParameter, 'client_id');
    const client = clients.find(clientId);
    if (!client) return errorReply(AADSTS.applicationNotFound, clientId);
    const redirectUri = get('redirect_uri');
    if (!redirectUri) return errorReply(AADSTS.missingParameter, 'redirect_uri');
    if (!client.redirectUris.includes(redirectUri)) {
      return errorReply(AADSTS.redirectUriNotRegistered, redirectUri, client.clientId);
    }
    const responseMode = get('response_mode') ?? 'query';
    if (!RESPONSE_MODES.has(responseMode)) {
      // NOTE: Entra also supports form_post. The emulator does not, because MSAL.js never requests it.
      return errorReply(AADSTS.unsupportedResponseMode, responseMode);
    }

    // From here on, failures go back to the application.
    const state = get('state');
    const redirectError = (entry, ...args) =>
      redirectReply(
        redirectLocation(redirectUri, responseMode, redirectErrorParameters(describe(entry, ...args), exchange.origin, state)),
      );
    const responseType = get('response_type');
    if (!responseType) return redirectError(AADSTS.missingParameter, 'response_type');
    if (responseType !== 'code') return redirectError(AADSTS.unsupportedResponseType, responseType);
    const scopes = splitScopes(get('scope'));
    if (scopes.length === 0) return redirectError(AADSTS.missingParameter, 'scope');
    const codeChallenge = get('code_challenge');
    const codeChallengeMethod = get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined);
    if (codeChallenge && !CODE_CHALLENGE_METHODS.has(codeChallengeMethod)) {
      return redirectError(AADSTS.invalidCodeChallengeMethod, codeChallengeMethod);
    }
    const evaluation = consent.evaluate(scopes);
    if (evaluation.otherResources.length > 0) {
      return redirectError(AADSTS.resourceNotFound, evaluation.otherResources[0]);
    }

    const issueCode = (session, account, setCookie) => {
      const code = store.createCode({
        clientId: client.clientId,
        redirectUri,
        codeChallenge,
        codeChallengeMethod,
        // The picker and single sign-on grant only what the tenant consented to.
        grants: evaluation.granted,
        requestedScopes: scopes,
        nonce: get('nonce'),
        objectId: account.objectId,
        sessionState: session.sessionState,
        issuedAtMs: clock.now(),
      });
      const response = { code, client_info: issuer.clientInfo(account) };
      if (state !== undefined) response.state = state;
      response.session_state = session.sessionState;
      return redirectReply(redirectLocation(redirectUri, responseMode, response), setCookie);
    };

    // The account picker posts back here.
    if (exchange.method === 'POST') {
      if (get('action') === 'cancel') {
        const described = describe(AADSTS.userCancelled);
        const cancelParameters = { ...redirectErrorParameters(described, exchange.origin, state), error_subcode: 'cancel' };
        return redirectReply(redirectLocation(redirectUri, responseMode, cancelParameters));
      }
      const account = findAccount(get('account'));
      if (!account) return errorReply(AADSTS.unknownAccount, String(get('account')));
      const session = store.createSession(account.objectId, clock.now());
      return issueCode(session, account, sessionCookie(exchange.origin, session.id));
    }

    const session = store.getSession(readSessionCookie(exchange.headers, exchange.origin));
    const sessionAccount = session ? findAccount(session.objectId) : null;
    const prompt = get('prompt');
    if (prompt === 'none') {
      if (!sessionAccount) return redirectError(AADSTS.loginRequired);
      if (evaluation.missing.length > 0) return redirectError(AADSTS.consentRequiredInteractive, client.clientId);
      return issueCode(session, sessionAccount);
    }
    // NOTE: login_hint, domain_hint and sid do not pick among accounts. A session signs in its own
    // account, as Entra does when one account is signed in.
    if (!prompt && sessionAccount) return issueCode(session, sessionAccount);

    const pickerParameters = Object.fromEntries(
      [...parameters.entries()].filter(([name]) => !FORM_ONLY_FIELDS.has(name)),
    );
    return {
      status: 200,
      headers: PAGE_HEADERS,
      body: accountPickerPage({
        formAction: exchange.url.pathname,
        parameters: pickerParameters,
        applicationName: client.displayName,
      }),
    };
  };
}
