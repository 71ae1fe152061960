import type { IPublicClientApplication } from '@azure/msal-browser';

import { TokenError, classifyAuthError, msalCodeOf } from './auth-errors';
import type { SessionProblem, SessionStore } from './session-store';

export interface TokenOptions {
  /** Skip MSAL's cache, for a token that Graph rejected although MSAL still thought it valid. */
  forceRefresh?: boolean;
}

export type GetToken = (scopes: string[], options?: TokenOptions) => Promise<string>;

/**
 * Creates the app's one token function. Concurrent calls for the same scopes share a
 * single in-flight MSAL request, so many queries that find an expired token cause one
 * renewal. It never starts an interactive sign-in: failures become a `TokenError`, and
 * those only a new sign-in can fix are reported to the session store, whose banner offers
 * the sign-in.
 */
export function createTokenFunction(msal: IPublicClientApplication, session: SessionStore): GetToken {
  const inFlight = new Map<string, Promise<string>>();

  return (scopes, options = {}) => {
    const key = `${options.forceRefresh === true ? 'force' : 'cache'}|${[...scopes].sort().join(' ')}`;
    const pending = inFlight.get(key);
    if (pending !== undefined) {
      return pending;
    }

    const request = acquire(msal, session, scopes, options).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
    return request;
  };
}

async function acquire(
  msal: IPublicClientApplication,
  session: SessionStore,
  scopes: string[],
  options: TokenOptions,
): Promise<string> {
  const account = msal.getActiveAccount();
  if (account === null) {
    session.report({ kind: 'noAccount', msalCode: null, since: Date.now() });
    throw new TokenError('noAccount', null, scopes);
  }

  try {
    const result = await msal.acquireTokenSilent({
      account,
      scopes,
      forceRefresh: options.forceRefresh === true,
    });
    return result.accessToken;
  } catch (error) {
    const tokenError = new TokenError(classifyAuthError(error), msalCodeOf(error), scopes);
    if (tokenError.needsSignIn) {
      session.report({ kind: tokenError.kind as SessionProblem['kind'], msalCode: tokenError.msalCode, since: Date.now() });
    }
    throw tokenError;
  }
}
