import { InteractionStatus, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { useViewParams } from '@/config/view-context';

/** App title, the signed-in account and "Sign out"; on a wall screen only the title. */
export function Header({ account }: { account: AccountInfo | null }) {
  const { instance, inProgress } = useMsal();
  const view = useViewParams();
  const busy = inProgress !== InteractionStatus.None;
  const kiosk = view.view === 'kiosk';

  return (
    <header className="app-header">
      {kiosk ? null : (
        <a className="skip-link" href="#main">
          Skip to content
        </a>
      )}
      <p className="app-title">{view.title ?? 'SDS Sync Monitor'}</p>
      {account !== null && !kiosk ? (
        <div className="account">
          <span className="account-name" title={account.username}>
            Signed in as <strong>{account.name ?? account.username}</strong>
            <span className="account-username"> ({account.username})</span>
          </span>
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => void instance.logoutRedirect({ account })}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </header>
  );
}
