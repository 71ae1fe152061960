import type { PopupRequest } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useCallback, useState } from 'react';

import { msalCodeOf } from './auth-errors';
import { useSessionStore } from './session-context';

/**
 * State of an interactive sign-in. `waiting`: a sign-in window is open (MSAL cannot tell
 * when the admin closes it). `blocked`: the browser or the host page's sandbox refused to
 * open it. `closed`: it was closed or timed out. `failed`: anything else.
 */
export type SignInState =
  | { status: 'idle' }
  | { status: 'waiting' }
  | { status: 'blocked' }
  | { status: 'closed' }
  | { status: 'failed'; code: string | null };

const BLOCKED_CODES = ['popup_window_error', 'empty_window_error'];
const CLOSED_CODES = ['timed_out', 'user_cancelled', 'monitor_window_timeout', 'popup_relay_unsupported_flow'];

/**
 * Starts a sign-in. A frame must use a popup, because Entra ID refuses to be shown in a
 * frame; the top-level page may use a redirect. With `preferPopup` (renewing a session) the
 * page keeps its state, and a blocked popup falls back to the redirect at the top level.
 */
export function useSignIn({ framed, preferPopup = false }: { framed: boolean; preferPopup?: boolean }) {
  const { instance } = useMsal();
  const session = useSessionStore();
  const [state, setState] = useState<SignInState>({ status: 'idle' });

  const signIn = useCallback(
    (request: PopupRequest) => {
      if (!framed && !preferPopup) {
        instance.loginRedirect(request).catch((error: unknown) => setState({ status: 'failed', code: msalCodeOf(error) }));
        return;
      }

      setState({ status: 'waiting' });
      instance
        .loginPopup(request)
        .then((result) => {
          instance.setActiveAccount(result.account);
          session.clear();
          setState({ status: 'idle' });
        })
        .catch((error: unknown) => {
          const code = msalCodeOf(error);
          if (matches(code, BLOCKED_CODES)) {
            if (!framed) {
              void instance.loginRedirect(request);
              return;
            }
            setState({ status: 'blocked' });
          } else if (matches(code, CLOSED_CODES)) {
            setState({ status: 'closed' });
          } else {
            setState({ status: 'failed', code });
          }
        });
    },
    [framed, preferPopup, instance, session],
  );

  return { state, signIn };
}

function matches(code: string | null, prefixes: string[]): boolean {
  return code !== null && prefixes.some((prefix) => code.startsWith(prefix));
}
