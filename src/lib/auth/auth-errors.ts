import { AuthError, InteractionRequiredAuthError } from '@azure/msal-browser';

/**
 * Reason a token could not be had without the admin's help. Each kind gets its own words,
 * because missing consent is an administrator's task while an expired session is the admin's own.
 */
export type AuthProblemKind =
  | 'noAccount'
  | 'consentRequired'
  | 'sessionExpired'
  | 'renewalTimedOut'
  | 'interactionRequired'
  | 'failed';

/** A failed token request; the token function throws it instead of MSAL's own error. */
export class TokenError extends Error {
  override readonly name = 'TokenError';

  constructor(
    readonly kind: AuthProblemKind,
    /** MSAL's error code and sub-error, for the details view; never a token. */
    readonly msalCode: string | null,
    readonly scopes: string[],
  ) {
    super(`Token request failed (${kind}${msalCode === null ? '' : `, ${msalCode}`}).`);
  }

  /** True when only a new sign-in can fix it, so polling stops for the whole dashboard. */
  get needsSignIn(): boolean {
    return SESSION_KINDS.has(this.kind);
  }
}

const SESSION_KINDS = new Set<AuthProblemKind>(['noAccount', 'sessionExpired', 'renewalTimedOut', 'interactionRequired']);

const CONSENT_CODES = ['consent_required', 'AADSTS65001'];

/** Sorts an MSAL failure into the kinds above; MSAL v5 messages are only links, so codes decide. */
export function classifyAuthError(error: unknown): AuthProblemKind {
  if (!(error instanceof AuthError)) {
    return 'failed';
  }

  const codes = [error.errorCode, error.subError, error.errorMessage];
  if (codes.some((code) => CONSENT_CODES.some((consent) => code.includes(consent)))) {
    return 'consentRequired';
  }
  if (error.errorCode === 'monitor_window_timeout' || error.errorCode === 'timed_out') {
    return 'renewalTimedOut';
  }
  if (error.errorCode === 'login_required' || error.errorMessage.includes('AADSTS700084') || error.errorCode === 'invalid_grant') {
    return 'sessionExpired';
  }
  if (error instanceof InteractionRequiredAuthError || error.errorCode === 'interaction_required') {
    return 'interactionRequired';
  }
  return 'failed';
}

/** Formats MSAL's code and sub-error for display; returns null for other errors. */
export function msalCodeOf(error: unknown): string | null {
  if (!(error instanceof AuthError)) {
    return null;
  }
  return error.subError === '' ? error.errorCode : `${error.errorCode} (${error.subError})`;
}
