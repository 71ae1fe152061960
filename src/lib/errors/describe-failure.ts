import { TokenError } from '@/lib/auth/auth-errors';
import { GraphError } from '@/lib/graph/graph-error';

/** A failed request described in words for a school IT admin. */
export interface FailureDescription {
  /** What failed. */
  summary: string;
  /** The next step for the admin. */
  action: string;
  /** True when polling stopped and only a manual retry (or a fix elsewhere) helps. */
  pollingStopped: boolean;
}

/** The item a request was about, for the wording. */
export interface FailureSubject {
  /** "profile" or "flow". */
  noun: string;
  /** Delegated permission the endpoint needs, as the admin would find it in Entra. */
  permission: string;
}

/** Describes any error for a card or banner; the one place that turns errors into words. */
export function describeFailure(error: unknown, subject: FailureSubject): FailureDescription {
  if (error instanceof TokenError) {
    return describeTokenError(error, subject);
  }
  if (error instanceof GraphError) {
    return describeGraphError(error, subject);
  }
  return {
    summary: 'The status could not be read because of an unexpected error in the app.',
    action: 'Reload the page. If it happens again, report it with the details below.',
    pollingStopped: false,
  };
}

function describeTokenError(error: TokenError, subject: FailureSubject): FailureDescription {
  switch (error.kind) {
    case 'consentRequired':
      return {
        summary: `Microsoft Entra has no admin consent for ${subject.permission}.`,
        action: `Ask a Global Administrator or Privileged Role Administrator to grant admin consent for ${subject.permission} to this app in Microsoft Entra (App registrations, API permissions).`,
        pollingStopped: true,
      };
    case 'failed':
      return {
        summary: 'A sign-in token could not be fetched (network error or sign-in service unavailable).',
        action: 'The next poll tries again. Check the network connection if this persists.',
        pollingStopped: false,
      };
    default:
      return {
        summary: 'Your sign-in needs to be renewed.',
        action: 'Use "Sign in again" at the top of the page.',
        pollingStopped: true,
      };
  }
}

function describeGraphError(error: GraphError, subject: FailureSubject): FailureDescription {
  const retrying = 'The next poll tries again.';

  switch (error.kind) {
    case 'network':
      return { summary: 'Microsoft Graph could not be reached (network error).', action: `${retrying} Check the network connection.`, pollingStopped: false };
    case 'timeout':
      return { summary: 'Microsoft Graph did not answer in time.', action: retrying, pollingStopped: false };
    case 'malformed':
      return { summary: 'Microsoft Graph sent a response that is not valid data.', action: retrying, pollingStopped: false };
    case 'http':
      break;
  }

  switch (error.status) {
    case 401:
      return {
        summary: 'Microsoft Graph rejected the sign-in token (401).',
        action: 'Check that this computer\u2019s clock is correct, then sign in again if it continues.',
        pollingStopped: false,
      };
    case 403:
      return {
        summary: `Access denied (403): your account or this app lacks ${subject.permission}.`,
        action: `Sign in with an account that administers School Data Sync, and make sure the app has admin consent for ${subject.permission}.`,
        pollingStopped: true,
      };
    case 404:
    case 410:
      return {
        summary: `This ${subject.noun} no longer exists in the tenant (${error.status}).`,
        action: `Remove it from the watched list, or retry if it was restored.`,
        pollingStopped: true,
      };
    case 429:
      return { summary: 'Microsoft Graph is throttling requests (429).', action: retrying, pollingStopped: false };
    default:
      return {
        summary: `Microsoft Graph answered with an error (${error.status ?? 'no status'}${error.code === null ? '' : `, ${error.code}`}).`,
        action: retrying,
        pollingStopped: false,
      };
  }
}
