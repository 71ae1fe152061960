// Shared parts of the benchmark scripts: the emulator and a static server for a build,
// Chromium, sign-in through the emulator's account picker, the emulator's request log,
// and waiting until a poll round has finished. Benchmarks run on loopback only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

import { chromium } from '@playwright/test';

import { startEmulator } from '../../emulator/server.mjs';
import { startStaticServer } from '../serve-static.mjs';

const CLIENT_ID = '3f6c2b8e-9a41-4d7c-b5e2-1c8a7d9f0e64';
const ADMIN_NAME = 'Avery Howard';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Starts the emulator on `appPort + 1` (HTTPS with HTTP/2) and `appPort + 2` (plain HTTP, for
 * the control API), and a static server for `dist` on `appPort`. The app reaches both sign-in
 * and Graph over HTTPS, as it would reach Microsoft's services. `writeConfig(overrides)`
 * replaces the config.json the app loads; the static server reads it at every request.
 */
export async function startBenchEnvironment({ name, appPort, dist, emulatorOptions = {} }) {
  const appUrl = `http://localhost:${appPort}/`;
  const emulator = await startEmulator({
    httpsPort: appPort + 1,
    httpPort: appPort + 2,
    clients: [{ clientId: CLIENT_ID, redirectUris: [`${appUrl}redirect.html`, appUrl] }],
    ...emulatorOptions,
  });

  const configPath = resolve('.emulator', `bench-${name}-config.json`);
  mkdirSync('.emulator', { recursive: true });
  const writeConfig = (overrides) => {
    const config = {
      clientId: CLIENT_ID,
      authority: `${emulator.httpsOrigin}/${emulator.tenantId}`,
      graphBaseUrl: emulator.httpsOrigin,
      sources: ['classic'],
      exposeDiagnostics: true,
      ...overrides,
    };
    writeFileSync(configPath, JSON.stringify(config, null, 2));
  };
  writeConfig({});

  let server;
  try {
    server = await startStaticServer({ root: dist, port: appPort, configPath });
  } catch (error) {
    await emulator.close();
    throw error;
  }

  return {
    appUrl,
    emulator,
    control: createEmulatorControl(emulator.httpOrigin),
    writeConfig,
    close: () => Promise.allSettled([server.close(), emulator.close()]),
  };
}

/** Creates a client for the emulator's control API: reset, clock, latency, generated profiles and the request log. */
export function createEmulatorControl(origin) {
  async function send(method, path, body) {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator control ${method} ${path} failed with ${response.status}: ${text}`);
    }
    return text === '' ? null : JSON.parse(text);
  }

  return {
    reset: (now) => send('POST', '/_emulator/reset', now === undefined ? {} : { now: now.toISOString() }),
    advanceClock: (milliseconds) => send('POST', '/_emulator/clock', { advanceMs: milliseconds }),
    setLatency: (milliseconds) => send('POST', '/_emulator/latency', { ms: milliseconds }),
    addProfiles: async (count) => (await send('POST', '/_emulator/classic/profiles', { count })).ids,
    requests: () => send('GET', '/_emulator/requests'),
    /** The admin account's tenant id and MSAL home account id (`<object id>.<tenant id>`). */
    adminAccount: async () => {
      const info = await send('GET', '/_emulator/info');
      const admin = info.accounts.find((account) => account.displayName === ADMIN_NAME);
      if (admin === undefined) {
        throw new Error(`The emulator has no account named ${ADMIN_NAME}. GET /_emulator/info lists its accounts.`);
      }
      return { tenantId: info.tenantId, homeAccountId: `${admin.objectId}.${info.tenantId}` };
    },
    clearRequests: () => send('DELETE', '/_emulator/requests'),
  };
}

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Opens the app and signs in as the emulated tenant's admin through the emulator's account picker. */
export async function signIn(page, appUrl) {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: new RegExp(ADMIN_NAME) }).click();
  await page.getByText(`Signed in as ${ADMIN_NAME}`).waitFor({ timeout: 30_000 });
}

/**
 * Saves these classic profiles as the admin's watched items, as the picker would. The key
 * and value follow src/features/profiles/selection-storage.ts. `?profiles=` cannot carry
 * hundreds of ids, because the static server (Node's default limit) rejects request
 * headers above 16 KB.
 */
export async function saveWatchSelection(page, account, profileIds) {
  // NOTE: a copy of the app's storage key format. If the app changes it, the board stays
  // empty and the timed load fails with a timeout.
  const key = `sds-sync-monitor:selection:v1:${account.tenantId}:${account.homeAccountId}`;
  const keys = profileIds.map((id) => `classic:${id}`);
  await page.evaluate(({ storageKey, value }) => window.localStorage.setItem(storageKey, value), { storageKey: key, value: JSON.stringify(keys) });
}

const PROFILE_LIST_PATH = '/beta/education/synchronizationProfiles';

/** True for a Graph path (`/beta/…` or `/v1.0/…`), false for identity paths. */
function isGraphPath(path) {
  return path.startsWith('/beta/') || path.startsWith('/v1.0/');
}

/**
 * Splits request log entries into what crossed the network to Graph and what travelled
 * inside `$batch` calls. `calls` counts top-level GETs and POSTs, `preflights` the CORS
 * OPTIONS requests, `items` every Graph request the app made (batched or not),
 * `listPages` the pages of the classic profile list (batched or not), and `identity` the
 * sign-in and token requests.
 */
export function countRequests(entries) {
  const counts = { calls: 0, preflights: 0, items: 0, identity: 0, pending: 0, listPages: 0, paths: new Map() };
  for (const entry of entries) {
    if (entry.status === null) {
      counts.pending += 1;
    }
    if (entry.method === 'GET' && entry.path === PROFILE_LIST_PATH) {
      counts.listPages += 1;
    }
    if (!isGraphPath(entry.path)) {
      counts.identity += entry.insideBatch === true ? 0 : 1;
      continue;
    }
    if (entry.insideBatch === true) {
      counts.items += 1;
      continue;
    }
    if (entry.method === 'OPTIONS') {
      counts.preflights += 1;
      continue;
    }
    counts.calls += 1;
    if (entry.batchSize === undefined) {
      counts.items += 1;
    }
    const key = `${entry.method} ${entry.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '{id}')}`;
    counts.paths.set(key, (counts.paths.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Reads the app's diagnostics counters and whether the board is still fetching. */
export function readPageState(page) {
  return page.evaluate(() => {
    const diagnostics = window.sdsSyncMonitorDiagnostics;
    const calls = diagnostics?.graphCalls();
    const refreshButton = [...document.querySelectorAll('button')].find((button) => /^Refresh(ing…| now)$/.test(button.textContent ?? ''));
    return {
      callsSent: calls === undefined ? 0 : calls.batchCalls + calls.singleCalls,
      queries: diagnostics?.queryCount() ?? null,
      refreshing: refreshButton?.textContent === 'Refreshing…',
    };
  });
}

/**
 * Waits until the emulator has responded to every Graph call the page sent since
 * `callsBefore`, the board no longer shows "Refreshing…", and nothing new was sent for `quietMs`.
 * The request log must have been cleared when `callsBefore` was read.
 *
 * The profile list is fetched one page after another, and the board does not show its
 * progress. When `listPages` is given and the round fetched the list, the round also waits
 * until that many pages were served. Without it, the quiet period must cover the gap
 * between two pages, which is more than the emulator's latency.
 */
export async function waitForRoundToFinish(page, control, { callsBefore, quietMs, timeoutMs, listPages }) {
  const deadline = Date.now() + timeoutMs;
  let lastSignature = '';
  let stableSince = Date.now();

  for (;;) {
    const state = await readPageState(page);
    const log = await control.requests();
    const counts = countRequests(log);
    const sent = state.callsSent - callsBefore;
    const signature = `${sent}/${counts.calls}/${log.length}/${state.refreshing}`;
    if (signature !== lastSignature) {
      lastSignature = signature;
      stableSince = Date.now();
    }

    const listDone = listPages === undefined || counts.listPages === 0 || counts.listPages >= listPages;
    const settled = sent > 0 && sent === counts.calls && counts.pending === 0 && !state.refreshing && listDone;
    if (settled && Date.now() - stableSince >= quietMs) {
      return { log, state };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Poll round did not finish within ${timeoutMs} ms: the page sent ${sent} Graph calls, the emulator responded to ${counts.calls}, ` +
          `${counts.pending} are held, ${counts.listPages} of ${listPages ?? 'all'} list pages were served, refreshing=${state.refreshing}. ` +
          "Check the emulator's faults and the page's console.",
      );
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  }
}

/** Collects console errors and uncaught page errors, for the report. */
export function collectPageErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`console.error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** Forces a full garbage collection in the page and returns the JS heap in use, in bytes. */
export async function measureHeapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/**
 * Records the HTTP version of every response from `origin` that the page receives from now
 * on. It uses the DevTools protocol, because Resource Timing hides the version of
 * cross-origin responses without `Timing-Allow-Origin`. The returned set fills as responses arrive.
 */
export async function recordProtocols(cdp, origin) {
  const protocols = new Set();
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.url.startsWith(origin) && event.response.protocol !== undefined) {
      protocols.add(event.response.protocol);
    }
  });
  await cdp.send('Network.enable');
  return protocols;
}

/** Describes the machine the figures were taken on, in one line. */
export function describeMachine(browser) {
  const gibibytes = Math.round(totalmem() / 2 ** 30);
  return `${cpus().length} cores, ${gibibytes} GiB, Node ${process.versions.node}, Chromium ${browser.version()}`;
}

export function formatSeconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(2)} s`;
}

export function formatMegabytes(bytes) {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}
