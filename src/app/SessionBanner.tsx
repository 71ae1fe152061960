import { InteractionStatus, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';

import { Banner } from '@/components/Banner';
import { useAppConfig } from '@/config/config-context';
import { signInScopes } from '@/lib/auth/scopes';
import { msalCodeOf } from '@/lib/auth/auth-errors';
import { useSessionProblem, useSessionStore } from '@/lib/auth/session-context';
import type { SessionProblem } from '@/lib/auth/session-store';
import { formatAbsoluteDateTime } from '@/lib/time/relative-time';

const REASONS: Record<SessionProblem['kind'], string> = {
  noAccount: 'No signed-in account was found in this tab.',
  sessionExpired: 'Your sign-in session has ended (sessions of browser apps last at most 24 hours).',
  renewalTimedOut: 'Renewing your sign-in in the background timed out; the browser may block the sign-in page in hidden frames.',
  interactionRequired: 'Microsoft Entra needs you to sign in again (for example after a password change or a new policy).',
  tokenRejected:
    'Microsoft Graph rejected your sign-in token even after it was renewed. Check that this computer\u2019s date, time and time zone are correct.',
};

/** One banner for the whole dashboard when tokens can no longer be renewed silently. */
export function SessionBanner({ account }: { account: AccountInfo }) {
  const problem = useSessionProblem();
  const session = useSessionStore();
  const { instance, inProgress } = useMsal();
  const config = useAppConfig();
  if (problem === null) {
    return null;
  }

  // A popup keeps this page, its cards and their last data, so polling resumes without a
  // reload; if the browser blocks the popup, the redirect still gets the admin back in.
  const signIn = () => {
    const request = { scopes: signInScopes(config.sources), loginHint: account.username };
    instance
      .loginPopup(request)
      .then((result) => {
        instance.setActiveAccount(result.account);
        session.clear();
      })
      .catch((error: unknown) => {
        if (msalCodeOf(error)?.startsWith('popup_window_error') === true || msalCodeOf(error)?.startsWith('empty_window_error') === true) {
          void instance.loginRedirect(request);
        }
      });
  };

  return (
    <Banner
      tone="error"
      title="Sign in again to resume updates"
      actions={
        <button type="button" className="button-primary" onClick={signIn} disabled={inProgress !== InteractionStatus.None}>
          Sign in again
        </button>
      }
    >
      <p>
        {REASONS[problem.kind]} Updates stopped at {formatAbsoluteDateTime(new Date(problem.since))}; the cards below keep
        their last data.
        {problem.msalCode ? <span className="raw-value"> ({problem.msalCode})</span> : null}
      </p>
    </Banner>
  );
}
