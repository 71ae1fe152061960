import { InteractionStatus } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { useAppConfig } from '@/config/config-context';
import { useViewParams } from '@/config/view-context';
import { signInScopes } from '@/lib/auth/scopes';
import { useSignIn } from '@/lib/auth/use-sign-in';
import { isFramed } from '@/lib/embedding/frame';

import { SignInHelp } from './SignInHelp';

/** The first screen: what the app does and a sign-in button; one large prompt on a wall screen. */
export function SignInPage() {
  const { inProgress } = useMsal();
  const config = useAppConfig();
  const view = useViewParams();
  const { state, signIn } = useSignIn({ framed: isFramed() });
  const busy = inProgress !== InteractionStatus.None || state.status === 'waiting';
  const kiosk = view.view === 'kiosk';

  return (
    <section className={kiosk ? 'sign-in kiosk-sign-in' : 'sign-in'} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{kiosk ? 'Sign in to show School Data Sync status' : 'Watch your School Data Sync at a glance'}</h1>
      {kiosk ? null : (
        <p>
          Sign in with your Microsoft Entra work account to see the state of your tenant’s School Data Sync profiles and
          flows. The app reads sync status only; it cannot change anything.
        </p>
      )}
      <button type="button" className="button-primary" onClick={() => signIn({ scopes: signInScopes(config.sources) })} disabled={busy}>
        {busy ? 'Sign-in in progress…' : 'Sign in with Microsoft'}
      </button>
      <SignInHelp state={state} />
    </section>
  );
}
