import { useId } from 'react';

import type { SignInState } from '@/lib/auth/use-sign-in';
import { POPUP_TIMEOUT_MS } from '@/lib/auth/msal';

/**
 * What a stuck, blocked or failed sign-in means, and what to do next. `address` is the
 * dashboard's address with the current selection and view, for opening it in a new tab.
 */
export function SignInHelp({ state, address = window.location.href }: { state: SignInState; address?: string }) {
  const addressId = useId();

  switch (state.status) {
    case 'idle':
      return null;
    case 'waiting':
      return (
        <p className="sign-in-help" role="status">
          Waiting for the sign-in window. Finish signing in there. If you closed it, you can start again when this
          message goes away (at most {Math.round(POPUP_TIMEOUT_MS / 60_000)} minutes).
        </p>
      );
    case 'closed':
      return (
        <p className="sign-in-help" role="status">
          The sign-in window was closed or did not finish in time. Sign in again to continue.
        </p>
      );
    case 'failed':
      return (
        <p className="form-error" role="alert">
          Sign-in failed{state.code ? ` (${state.code})` : ''}. Try again; if it keeps failing, open the dashboard in a
          new tab.
        </p>
      );
    case 'blocked':
      return (
        <div className="form-error sign-in-blocked" role="alert">
          <p>
            The sign-in window could not open. The page that shows this dashboard must allow popups for its frame: the
            iframe’s <code>sandbox</code> attribute needs <code>allow-popups</code> and{' '}
            <code>allow-popups-to-escape-sandbox</code>, and the browser must not block popups for this site.
          </p>
          <p>
            Or copy this address into a new browser tab (a frame without <code>allow-popups</code> cannot open tabs either):
          </p>
          <label htmlFor={addressId}>Dashboard address</label>
          <input
            id={addressId}
            className="sign-in-address"
            type="text"
            readOnly
            value={address}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      );
  }
}
