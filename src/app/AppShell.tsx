import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { useViewParams } from '@/config/view-context';
import type { HostBridge } from '@/lib/embedding/host-bridge';

import { Dashboard } from './Dashboard';
import { Header } from './Header';
import { SignInPage } from './SignInPage';

/** Header plus either the sign-in page or the dashboard of the signed-in account. */
export function AppShell({ hostBridge }: { hostBridge: HostBridge }) {
  const { instance, inProgress, accounts } = useMsal();
  const view = useViewParams();
  const account = instance.getActiveAccount() ?? accounts[0] ?? null;
  const handlingRedirect = inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect;

  return (
    <div className={`view-${view.view ?? 'full'}`}>
      <Header account={account} />
      <main id="main" className="page">
        {account !== null ? (
          <Dashboard key={account.homeAccountId} account={account} hostBridge={hostBridge} />
        ) : handlingRedirect ? (
          <p className="page-loading">Signing in…</p>
        ) : (
          <SignInPage />
        )}
      </main>
    </div>
  );
}
