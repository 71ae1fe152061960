// The emulator process: one request handler served on an HTTPS listener (HTTP/2 and HTTP/1.1 over
// TLS, as Entra ID and Graph serve) and a plain HTTP listener (certificate-free demos, control).
import http from 'node:http';
import http2 from 'node:http2';
import { performance } from 'node:perf_hooks';
import { createCertificate } from './core/certificate.mjs';
import { createClock } from './core/clock.mjs';
import { createFaults, delay } from './core/faults.mjs';
import { readBody, RequestBodyError, requestOrigin, send } from './core/http.mjs';
import { createRequestLog } from './core/request-log.mjs';
import { createControl } from './control/router.mjs';
import { createClassicTenant } from './data/classic-tenant.mjs';
import { createClassicGraph } from './graph/classic.mjs';
import { createIndustryData } from './graph/industry-data.mjs';
import { createGraphService, GRAPH_VERSIONS } from './graph/router.mjs';
import { createClientRegistry } from './identity/clients.mjs';
import { ACCOUNTS, DEFAULT_TENANT_ID, isAdministrator, TENANT_DOMAIN } from './identity/directory.mjs';
import { AADSTS, describeError, tokenErrorBody } from './identity/errors.mjs';
import { createIdentityPlatform } from './identity/platform.mjs';
import { createConsent, DEFAULT_CONSENTED_SCOPES } from './identity/scopes.mjs';
import { createIdentityStore } from './identity/store.mjs';
import { createTokenIssuer } from './identity/tokens.mjs';
import { identityCorsHeaders } from './identity/token.mjs';

/** MSAL.js treats access tokens that expire sooner than this many seconds as already expired. */
const MIN_ACCESS_TOKEN_LIFETIME_SECONDS = 300;

function urlHost(host) {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function isGraphPath(pathname) {
  const version = pathname.split('/')[1];
  return GRAPH_VERSIONS.has(version);
}

function listen(server, port, host, optionName) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      const hint = error.code === 'EADDRINUSE'
        ? `Port ${port} on ${host} is already in use; choose another ${optionName} or stop the process that holds it.`
        : `The emulator could not listen on ${host}:${port} (${optionName}): ${error.message}`;
      reject(new Error(hint, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

function validateLifetimes({ accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds }) {
  if (!Number.isFinite(accessTokenLifetimeSeconds) || accessTokenLifetimeSeconds < MIN_ACCESS_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(
      `accessTokenLifetimeSeconds must be ${MIN_ACCESS_TOKEN_LIFETIME_SECONDS} or more (got ${accessTokenLifetimeSeconds}), because MSAL.js treats shorter-lived tokens as expired; advance the emulator clock to expire tokens instead.`,
    );
  }
  if (!Number.isFinite(refreshTokenLifetimeSeconds) || refreshTokenLifetimeSeconds <= 0) {
    throw new RangeError(`refreshTokenLifetimeSeconds must be a positive number of seconds, got ${refreshTokenLifetimeSeconds}.`);
  }
}

/** Creates the mutable state that the control API changes and resets. */
function createState({ clock, consent, identityStore, faults, requestLog, industryData, latencyMs, describe }) {
  const state = {
    clock,
    consent,
    faults,
    requestLog,
    industryData,
    classicTenant: createClassicTenant({ t0Ms: clock.now() }),
    retiredMode: null,
    settings: { latencyMs, exposeRetryAfter: false },

    /** Restores the start state; `nowMs` sets the clock, else it goes back to real time. */
    reset(nowMs) {
      if (nowMs === undefined) clock.reset();
      else clock.set(nowMs);
      state.classicTenant = createClassicTenant({ t0Ms: clock.now() });
      state.retiredMode = null;
      state.settings.latencyMs = latencyMs;
      state.settings.exposeRetryAfter = false;
      consent.reset();
      identityStore.reset();
      faults.clear();
      requestLog.clear();
      industryData.reset();
    },
    describe,
  };
  return state;
}

/**
 * Starts the emulator. `clients` lists the registered single-page applications as
 * `{ clientId, redirectUris, displayName? }`; `tenant` may set `id` and `consentedScopes` (full
 * scope URIs); `latencyMs` delays every Graph request; `log` receives one line per request.
 * Resolves to `{ httpsOrigin, httpOrigin, tenantId, certificatePem, close() }`.
 */
export async function startEmulator({
  httpsPort = 0,
  httpPort = 0,
  host = '127.0.0.1',
  clients,
  tenant = {},
  refreshTokenLifetimeSeconds = 86400,
  accessTokenLifetimeSeconds = 3600,
  latencyMs = 0,
  log,
} = {}) {
  validateLifetimes({ accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds });
  const clientRegistry = createClientRegistry(clients);
  const tenantId = (tenant.id ?? DEFAULT_TENANT_ID).toLowerCase();

  const clock = createClock();
  const consent = createConsent(tenant.consentedScopes ?? DEFAULT_CONSENTED_SCOPES);
  const identityStore = createIdentityStore();
  const issuer = createTokenIssuer({ tenantId, accessTokenLifetimeSeconds });
  const faults = createFaults();
  const requestLog = createRequestLog({ clock });
  const industryData = createIndustryData({ clock });
  const origins = {};

  const state = createState({
    clock, consent, identityStore, faults, requestLog, industryData, latencyMs,
    describe: () => ({
      tenantId,
      tenantDomain: TENANT_DOMAIN,
      httpsOrigin: origins.https,
      httpOrigin: origins.http,
      authority: `${origins.https}/${tenantId}`,
      clients: clientRegistry.list(),
      accounts: ACCOUNTS.map((account) => ({
        objectId: account.objectId,
        displayName: account.displayName,
        userPrincipalName: account.userPrincipalName,
        isAdministrator: isAdministrator(account.roleTemplateIds),
      })),
      consentedScopes: consent.list(),
      accessTokenLifetimeSeconds,
      refreshTokenLifetimeSeconds,
    }),
  });

  const identity = createIdentityPlatform({
    clock, tenantId, clients: clientRegistry, consent, store: identityStore, issuer, accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds,
  });
  const graph = createGraphService({
    clock,
    issuer,
    classic: createClassicGraph({ getTenant: () => state.classicTenant, getRetiredMode: () => state.retiredMode }),
    getIndustryData: () => industryData,
    faults,
    settings: state.settings,
    requestLog,
  });
  const control = createControl(state);

  async function identityReply(exchange) {
    const fault = faults.take({ method: exchange.method, path: exchange.url.pathname, insideBatch: false });
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault?.hang) return { hang: true };
    if (fault?.status !== undefined) {
      const cors = identityCorsHeaders(clientRegistry, exchange.headers.origin);
      const headers = { 'cache-control': 'no-store', ...cors, ...(fault.headers ?? {}) };
      if (typeof fault.body === 'string') {
        return { status: fault.status, headers: { 'content-type': fault.contentType ?? 'text/plain; charset=utf-8', ...headers }, body: fault.body };
      }
      const body = fault.body ?? tokenErrorBody(
        describeError(AADSTS.transientError, [], { nowMs: clock.now(), correlationId: exchange.url.searchParams.get('client-request-id') ?? '' }),
        exchange.origin,
      );
      return { status: fault.status, headers: { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
    }

    const reply = await identity.handle(exchange);
    return reply ?? {
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ error: { code: 'notFound', message: `The emulator serves no resource at ${exchange.url.pathname}.` } }),
    };
  }

  const pendingResponses = new Set();

  async function handleRequest(request, response, scheme, listenerHost) {
    const startedAt = performance.now();
    const origin = requestOrigin(request, scheme, listenerHost);
    const url = new URL(request.url, origin);
    const method = request.method;
    let bodyPromise;
    const exchange = { method, url, origin, headers: request.headers, readBody: () => (bodyPromise ??= readBody(request)) };
    const isControl = url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/');

    let reply;
    try {
      if (isControl) reply = await control.handle(exchange);
      else if (isGraphPath(url.pathname)) {
        reply = await graph.respond({ method, path: url.pathname, query: url.searchParams, headers: request.headers, origin, readBody: exchange.readBody });
      } else reply = await identityReply(exchange);
    } catch (error) {
      if (error instanceof RequestBodyError) {
        reply = { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: error.message };
      } else {
        console.error(`emulator: ${method} ${url.pathname} failed:`, error);
        reply = { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `The emulator failed on ${method} ${url.pathname}: ${error.message}` };
      }
    }

    if (reply.reset) {
      // Resets the HTTP/2 stream (or closes the connection), which fetch reports as a network error.
      if (!isControl) requestLog.add({ method, path: url.pathname, status: 0 });
      response.destroy();
      return;
    }

    if (reply.hang) {
      // Held open until the client gives up or the emulator closes.
      pendingResponses.add(response);
      response.on('close', () => pendingResponses.delete(response));
      if (!isControl) requestLog.add({ method, path: url.pathname, status: null });
      return;
    }

    send(response, reply.status, { ...reply.headers, date: new Date(clock.now()).toUTCString() }, reply.body);
    if (!isControl) {
      const entry = { method, path: url.pathname, status: reply.status };
      if (reply.batchSize !== undefined) entry.batchSize = reply.batchSize;
      requestLog.add(entry);
    }
    log?.(`${new Date(clock.now()).toISOString()} ${scheme} ${method} ${url.pathname} ${reply.status} ${Math.round(performance.now() - startedAt)}ms`);
  }

  const certificate = await createCertificate();
  const sockets = new Set();
  const sessions = new Set();
  const trackSocket = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const listenerHost = {};
  const serve = (scheme) => (request, response) => {
    handleRequest(request, response, scheme, listenerHost[scheme]).catch((error) => {
      // Reached only when writing the response itself failed, e.g. the client went away.
      console.error(`emulator: ${request.method} ${request.url?.split('?')[0]} failed while sending the response:`, error);
      response.destroy();
    });
  };
  const httpsServer = http2.createSecureServer({ allowHTTP1: true, key: certificate.key, cert: certificate.cert }, serve('https'));
  const httpServer = http.createServer(serve('http'));
  for (const server of [httpsServer, httpServer]) server.on('connection', trackSocket);
  httpsServer.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  let actualHttpsPort;
  let actualHttpPort;
  try {
    actualHttpsPort = await listen(httpsServer, httpsPort, host, 'HTTPS port');
    actualHttpPort = await listen(httpServer, httpPort, host, 'HTTP port');
  } catch (error) {
    httpsServer.close();
    httpServer.close();
    throw error;
  }
  listenerHost.https = `${urlHost(host)}:${actualHttpsPort}`;
  listenerHost.http = `${urlHost(host)}:${actualHttpPort}`;
  origins.https = `https://${listenerHost.https}`;
  origins.http = `http://${listenerHost.http}`;

  let closing;
  return {
    httpsOrigin: origins.https,
    httpOrigin: origins.http,
    tenantId,
    certificatePem: certificate.cert,

    /** Stops both listeners and drops open connections, including requests a fault keeps open. */
    close() {
      closing ??= (async () => {
        const closed = [httpsServer, httpServer].map((server) => new Promise((resolve) => server.close(() => resolve())));
        for (const response of pendingResponses) response.destroy();
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}
