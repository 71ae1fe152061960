// The identity platform's routes under /{tenant}/: OpenID discovery, keys, authorize, token and
// logout, plus the /error page that `error_uri` links point to.
import { randomUUID } from 'node:crypto';
import { createAuthorizeHandler } from './authorize.mjs';
import { TENANT_DOMAIN } from './directory.mjs';
import { decodeSegment } from '../core/http.mjs';
import { AADSTS, describeError, tokenErrorBody } from './errors.mjs';
import { errorCodePage, errorPage, PAGE_HEADERS, signedOutPage } from './pages.mjs';
import { expiredSessionCookie, readSessionCookie } from './session-cookie.mjs';
import { createTokenHandler, identityCorsHeaders } from './token.mjs';

/** Tenant path segments that address every tenant rather than one. */
const MULTI_TENANT_SEGMENTS = new Set(['common', 'organizations']);

const ROUTES = [
  { pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, name: 'discovery' },
  { pattern: /^\/([^/]+)\/\.well-known\/openid-configuration$/, name: 'discovery' },
  { pattern: /^\/([^/]+)\/discovery\/(?:v2\.0\/)?keys$/, name: 'keys' },
  { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, name: 'authorize' },
  { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, name: 'token' },
  { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/logout$/, name: 'logout' },
];

function jsonReply(status, body, headers = {}) {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=86400, private', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * Creates the identity platform. `handle(exchange)` returns a reply, or null for a path that is
 * not the identity platform's.
 */
export function createIdentityPlatform({ clock, tenantId, clients, consent, store, issuer, accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds }) {
  const handleAuthorize = createAuthorizeHandler({ clock, clients, consent, store, issuer });
  const handleToken = createTokenHandler({
    clock, clients, consent, store, issuer, accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds,
  });

  function isKnownTenant(segment) {
    const lower = segment.toLowerCase();
    return lower === tenantId || lower === TENANT_DOMAIN || MULTI_TENANT_SEGMENTS.has(lower);
  }

  function discoveryDocument(origin, segment) {
    const multiTenant = MULTI_TENANT_SEGMENTS.has(segment.toLowerCase());
    const pathTenant = multiTenant ? segment : tenantId;
    const base = `${origin}/${pathTenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${origin}/${multiTenant ? '{tenantid}' : tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email',
      ],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  }

  function handleLogout(exchange) {
    const sessionId = readSessionCookie(exchange.headers, exchange.origin);
    if (sessionId) store.deleteSession(sessionId);
    const headers = { 'set-cookie': [expiredSessionCookie(exchange.origin)], 'cache-control': 'no-store, no-cache' };

    const postLogoutRedirectUri = exchange.url.searchParams.get('post_logout_redirect_uri');
    if (postLogoutRedirectUri && clients.isRegisteredRedirectUri(postLogoutRedirectUri)) {
      const target = new URL(postLogoutRedirectUri);
      const state = exchange.url.searchParams.get('state');
      if (state !== null) target.searchParams.set('state', state);
      return { status: 302, headers: { ...headers, location: target.toString() }, body: '' };
    }
    return { status: 200, headers: { ...PAGE_HEADERS, ...headers }, body: signedOutPage() };
  }

  function unknownTenantReply(exchange, segment, routeName) {
    const correlationId = exchange.url.searchParams.get('client-request-id') ?? randomUUID();
    const described = describeError(AADSTS.tenantNotFound, [segment], { nowMs: clock.now(), correlationId });
    const cors = identityCorsHeaders(clients, exchange.headers.origin);
    if (routeName === 'authorize' || routeName === 'logout') {
      return { status: 400, headers: PAGE_HEADERS, body: errorPage(described) };
    }
    return jsonReply(400, tokenErrorBody(described, exchange.origin), { ...cors, 'cache-control': 'no-store' });
  }

  return {
    async handle(exchange) {
      const { pathname } = exchange.url;
      if (pathname === '/error' && exchange.method === 'GET') {
        const code = (exchange.url.searchParams.get('code') ?? '').replace(/\D/g, '');
        return { status: 200, headers: PAGE_HEADERS, body: errorCodePage(code) };
      }

      const route = ROUTES.map((candidate) => ({ ...candidate, match: candidate.pattern.exec(pathname) })).find(
        (candidate) => candidate.match,
      );
      if (!route) return null;
      const segment = decodeSegment(route.match[1]);
      if (!isKnownTenant(segment)) return unknownTenantReply(exchange, segment, route.name);

      const cors = identityCorsHeaders(clients, exchange.headers.origin);
      if (exchange.method === 'OPTIONS' && (route.name === 'discovery' || route.name === 'keys')) {
        return { status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-max-age': '86400' }, body: '' };
      }
      switch (route.name) {
        case 'discovery':
          return jsonReply(200, discoveryDocument(exchange.origin, segment), cors);
        case 'keys':
          return jsonReply(200, issuer.jwks(`${exchange.origin}/${tenantId}/v2.0`), cors);
        case 'authorize':
          if (exchange.method !== 'GET' && exchange.method !== 'POST') return null;
          return handleAuthorize(exchange);
        case 'token':
          return handleToken(exchange);
        case 'logout':
          return handleLogout(exchange);
        default:
          return null;
      }
    },
  };
}
