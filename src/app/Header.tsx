import { InteractionStatus, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

/** App title, the signed-in account and "Sign out". */
export function Header({ account }: { account: AccountInfo | null }) {
  const { instance, inProgress } = useMsal();
  const busy = inProgress !== InteractionStatus.None;

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <p className="app-title">SDS Sync Monitor</p>
      {account !== null ? (
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
