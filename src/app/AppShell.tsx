import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { Dashboard } from './Dashboard';
import { Header } from './Header';
import { SignInPage } from './SignInPage';

/** Header plus either the sign-in page or the dashboard of the signed-in account. */
export function AppShell() {
  const { instance, inProgress, accounts } = useMsal();
  const account = instance.getActiveAccount() ?? accounts[0] ?? null;
  const handlingRedirect = inProgress === InteractionStatus.Startup || inProgress === InteractionStatus.HandleRedirect;

  return (
    <>
      <Header account={account} />
      <main id="main" className="page">
        {account !== null ? (
          <Dashboard key={account.homeAccountId} account={account} />
        ) : handlingRedirect ? (
          <p className="page-loading">Signing in…</p>
        ) : (
          <SignInPage />
        )}
      </main>
    </>
  );
}
