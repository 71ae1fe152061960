import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '@/app/App';
import { HttpsRequiredPage } from '@/app/HttpsRequiredPage';
import { StartupErrorPage } from '@/app/StartupErrorPage';
import { ConfigErrorPage } from '@/config/ConfigErrorPage';
import { loadConfig } from '@/config/load-config';
import { readViewParams } from '@/config/url-params';
import { msalCodeOf } from '@/lib/auth/auth-errors';
import { createMsalInstance } from '@/lib/auth/msal';
import { SessionStore } from '@/lib/auth/session-store';
import { createTokenFunction } from '@/lib/auth/token';
import { exposeDiagnostics } from '@/lib/diagnostics';
import { isFramed } from '@/lib/embedding/frame';
import { createHostBridge } from '@/lib/embedding/host-bridge';
import { secureContextProblem } from '@/lib/embedding/secure-context';
import { createThemeController } from '@/lib/embedding/theme';
import { createGraphClient } from '@/lib/graph/client';
import { PollScheduler } from '@/lib/polling/poll-scheduler';
import { createQueryClient } from '@/lib/query/query-client';
import { setDisplayLocale } from '@/lib/time/relative-time';

import './styles.css';

/**
 * Start-up order: refuse a non-secure page, read the URL parameters, load and validate
 * config.json, create and initialize MSAL, then render.
 */
async function start(render: (node: ReactNode) => void): Promise<void> {
  const httpsProblem = secureContextProblem();
  if (httpsProblem !== null) {
    render(<HttpsRequiredPage message={httpsProblem} />);
    return;
  }

  const view = readViewParams(window.location.search);
  const themes = createThemeController();
  themes.setTheme(view.theme ?? 'auto');
  setDisplayLocale(view.lang);
  if (view.lang !== undefined) {
    document.documentElement.lang = view.lang;
  }
  if (view.title !== undefined) {
    document.title = view.title;
  }

  const configResult = await loadConfig();
  if (!configResult.ok) {
    render(<ConfigErrorPage issues={configResult.issues} />);
    return;
  }
  const config = { ...configResult.config, pollIntervalSeconds: view.intervalSeconds ?? configResult.config.pollIntervalSeconds };

  let msal;
  try {
    msal = await createMsalInstance(config, window.location.href, { framed: isFramed() });
  } catch (error) {
    render(<StartupErrorPage detail={msalCodeOf(error) ?? (error instanceof Error ? error.name : 'unknown error')} />);
    return;
  }

  const session = new SessionStore();
  const graph = createGraphClient({
    baseUrl: config.graphBaseUrl,
    getToken: createTokenFunction(msal, session),
    timeoutMs: config.requestTimeoutSeconds * 1000,
    batching: config.batchRequests,
    session,
  });
  const queryClient = createQueryClient();
  const scheduler = new PollScheduler({ queryClient, intervalMs: config.pollIntervalSeconds * 1000 });
  const hostBridge = createHostBridge({ allowedOrigins: config.allowedHostOrigins, onTheme: (theme) => themes.setTheme(theme) });
  if (config.exposeDiagnostics) {
    exposeDiagnostics(graph, queryClient);
  }

  render(<App services={{ config, view, msal, session, graph, queryClient, scheduler, hostBridge }} />);
}

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no element with id "root".');
}
const root = createRoot(container);
void start((node) => root.render(<StrictMode>{node}</StrictMode>));
