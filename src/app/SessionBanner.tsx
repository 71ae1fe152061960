import { InteractionStatus, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { Banner } from '@/components/Banner';
import { useAppConfig } from '@/config/config-context';
import { signInScopes } from '@/lib/auth/scopes';
import { useSessionProblem } from '@/lib/auth/session-context';
import type { SessionProblem } from '@/lib/auth/session-store';
import { useSignIn } from '@/lib/auth/use-sign-in';
import { isFramed } from '@/lib/embedding/frame';
import { formatAbsoluteDateTime } from '@/lib/time/relative-time';

import { SignInHelp } from './SignInHelp';

const REASONS: Record<SessionProblem['kind'], string> = {
  noAccount: 'No signed-in account was found in this tab.',
  sessionExpired: 'Your sign-in session has ended (sessions of browser apps last at most 24 hours).',
  renewalTimedOut: 'Renewing your sign-in in the background timed out; the browser may block the sign-in page in hidden frames.',
  interactionRequired: 'Microsoft Entra needs you to sign in again (for example after a password change or a new policy).',
  tokenRejected:
    'Microsoft Graph rejected your sign-in token even after it was renewed. Check that this computer’s date, time and time zone are correct.',
};

/**
 * One banner for the whole dashboard when tokens can no longer be renewed silently. Signing
 * in again uses a popup, so the page keeps its cards and polling resumes without a reload.
 */
export function SessionBanner({ account, address, kiosk }: { account: AccountInfo; address: string; kiosk: boolean }) {
  const problem = useSessionProblem();
  const { inProgress } = useMsal();
  const config = useAppConfig();
  const { state, signIn } = useSignIn({ framed: isFramed(), preferPopup: true });
  if (problem === null) {
    return null;
  }

  const button = (
    <button
      type="button"
      className="button-primary"
      onClick={() => signIn({ scopes: signInScopes(config.sources), loginHint: account.username })}
      disabled={inProgress !== InteractionStatus.None || state.status === 'waiting'}
    >
      Sign in again
    </button>
  );

  if (kiosk) {
    return (
      <section className="kiosk-sign-in" role="alert" aria-label="Sign in again to resume updates">
        <p>Sign in again to resume updates.</p>
        {button}
        <SignInHelp state={state} address={address} />
      </section>
    );
  }

  return (
    <Banner tone="error" title="Sign in again to resume updates" actions={button}>
      <p>
        {REASONS[problem.kind]} Updates stopped at {formatAbsoluteDateTime(new Date(problem.since))}; the cards below keep
        their last data.
        {problem.msalCode ? <span className="raw-value"> ({problem.msalCode})</span> : null}
      </p>
      <SignInHelp state={state} address={address} />
    </Banner>
  );
}
