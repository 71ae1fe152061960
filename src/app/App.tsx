import type { IPublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';

import { ConfigProvider } from '@/config/config-context';
import type { AppConfig } from '@/config/schema';
import type { ViewParams } from '@/config/url-params';
import { ViewProvider } from '@/config/view-context';
import { SessionProvider } from '@/lib/auth/session-context';
import type { SessionStore } from '@/lib/auth/session-store';
import type { HostBridge } from '@/lib/embedding/host-bridge';
import type { GraphClient } from '@/lib/graph/client';
import { GraphProvider } from '@/lib/graph/graph-context';
import type { PollScheduler } from '@/lib/polling/poll-scheduler';
import { PollingProvider } from '@/lib/polling/polling-context';

import { AppShell } from './AppShell';

export interface AppServices {
  config: AppConfig;
  view: ViewParams;
  msal: IPublicClientApplication;
  session: SessionStore;
  graph: GraphClient;
  queryClient: QueryClient;
  scheduler: PollScheduler;
  hostBridge: HostBridge;
}

/** Every provider the app needs, around the shell. */
export function App({ services }: { services: AppServices }) {
  return (
    <MsalProvider instance={services.msal}>
      <ConfigProvider config={services.config}>
        <SessionProvider store={services.session}>
          <GraphProvider client={services.graph}>
            <QueryClientProvider client={services.queryClient}>
              <PollingProvider scheduler={services.scheduler}>
                <ViewProvider params={services.view}>
                  <AppShell hostBridge={services.hostBridge} />
                </ViewProvider>
              </PollingProvider>
            </QueryClientProvider>
          </GraphProvider>
        </SessionProvider>
      </ConfigProvider>
    </MsalProvider>
  );
}
