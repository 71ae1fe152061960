import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useState } from 'react';

import { useAppConfig } from '@/config/config-context';
import { signInScopes } from '@/lib/auth/scopes';
import { msalCodeOf } from '@/lib/auth/auth-errors';

/** The first screen: what the app does and a sign-in button. */
export function SignInPage() {
  const { instance, inProgress } = useMsal();
  const config = useAppConfig();
  const [error, setError] = useState<string | null>(null);
  const busy = inProgress !== InteractionStatus.None;

  const signIn = () => {
    setError(null);
    instance.loginRedirect({ scopes: signInScopes(config.sources) }).catch((reason: unknown) => {
      setError(`Sign-in could not start (${msalCodeOf(reason) ?? 'unexpected error'}). Reload the page and try again.`);
    });
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Watch your School Data Sync at a glance</h1>
      <p>
        Sign in with your Microsoft Entra work account to see the state of your tenant’s School Data Sync profiles and
        flows. The app reads sync status only; it cannot change anything.
      </p>
      <button type="button" className="button-primary" onClick={signIn} disabled={busy}>
        {busy ? 'Sign-in in progress…' : 'Sign in with Microsoft'}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
