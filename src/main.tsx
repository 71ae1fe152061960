import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '@/app/App';
import { StartupErrorPage } from '@/app/StartupErrorPage';
import { ConfigErrorPage } from '@/config/ConfigErrorPage';
import { loadConfig } from '@/config/load-config';
import { msalCodeOf } from '@/lib/auth/auth-errors';
import { createMsalInstance } from '@/lib/auth/msal';
import { SessionStore } from '@/lib/auth/session-store';
import { createTokenFunction } from '@/lib/auth/token';
import { createGraphClient } from '@/lib/graph/client';
import { exposeDiagnostics } from '@/lib/diagnostics';
import { PollScheduler } from '@/lib/polling/poll-scheduler';
import { createQueryClient } from '@/lib/query/query-client';

import './styles.css';

/** Start-up order: load and validate config, create and initialize MSAL, then render. */
async function start(render: (node: ReactNode) => void): Promise<void> {
  const configResult = await loadConfig();
  if (!configResult.ok) {
    render(<ConfigErrorPage issues={configResult.issues} />);
    return;
  }
  const config = configResult.config;

  let msal;
  try {
    msal = await createMsalInstance(config, window.location.href);
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

  if (config.exposeDiagnostics) {
    exposeDiagnostics(graph, queryClient);
  }
  render(<App services={{ config, msal, session, graph, queryClient, scheduler }} />);
}

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no element with id "root".');
}
const root = createRoot(container);
void start((node) => root.render(<StrictMode>{node}</StrictMode>));
