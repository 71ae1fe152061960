import {
  EventType,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
  type EventMessage,
} from '@azure/msal-browser';

import type { AppConfig } from '@/config/schema';

/**
 * Upper bound of a popup sign-in, multi-factor steps included, in ms. MSAL cannot tell that
 * the admin closed the popup, so this is also how long the app waits before it offers to
 * start again. MSAL's default of 60 s is too short for a push approval on a phone.
 */
export const POPUP_TIMEOUT_MS = 180_000;

export interface MsalEnvironment {
  /** The app runs inside a frame, where sign-in must use a popup. */
  framed: boolean;
}

/** Origin of the page where the admin signs in: the authorization endpoint's. */
export function authorizationOrigin(config: AppConfig): string {
  if (config.authorityMetadata !== undefined) {
    const metadata = JSON.parse(config.authorityMetadata) as { authorization_endpoint: string };
    return new URL(metadata.authorization_endpoint).origin;
  }
  return new URL(config.authority).origin;
}

/**
 * Builds the MSAL configuration for a deployment. The redirect URI is derived from where
 * the app is served, so the same build works at the root and under any sub-path. In a
 * frame, popups go through msal-browser's relay page, because a popup cannot reach a frame
 * whose storage the browser partitions (a frame on another site than its host page). The
 * relay accepts only https sign-in pages.
 */
export function buildMsalConfiguration(config: AppConfig, pageUrl: string, environment: MsalEnvironment = { framed: false }): Configuration {
  const redirectUri = new URL('redirect.html', pageUrl).href;
  const appUrl = new URL('./', pageUrl).href;
  const useRelay = environment.framed && authorizationOrigin(config).startsWith('https:');

  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...(config.authorityMetadata === undefined ? {} : { authorityMetadata: config.authorityMetadata }),
      redirectUri,
      postLogoutRedirectUri: appUrl,
      ...(useRelay ? { popupRelayUri: new URL('popup-relay.html', pageUrl).href, popupRelayProtocolVersion: 2 as const } : {}),
    },
    cache: {
      cacheLocation: 'sessionStorage',
    },
    system: {
      popupBridgeTimeout: POPUP_TIMEOUT_MS,
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: logMsalMessage,
      },
    },
  };
}

/**
 * Creates the one MSAL instance of the app and finishes `initialize()`, so nothing can
 * call MSAL before it is ready. Keeps the active account in step with sign-ins.
 */
export async function createMsalInstance(
  config: AppConfig,
  pageUrl: string,
  environment: MsalEnvironment = { framed: false },
): Promise<PublicClientApplication> {
  const instance = new PublicClientApplication(buildMsalConfiguration(config, pageUrl, environment));
  await instance.initialize();

  instance.addEventCallback((message: EventMessage) => {
    if (message.eventType === EventType.LOGIN_SUCCESS && isAccountInfo(message.payload)) {
      instance.setActiveAccount(message.payload);
    }
  });

  if (instance.getActiveAccount() === null) {
    const [firstAccount] = instance.getAllAccounts();
    if (firstAccount !== undefined) {
      instance.setActiveAccount(firstAccount);
    }
  }
  return instance;
}

function isAccountInfo(payload: unknown): payload is AccountInfo {
  return typeof payload === 'object' && payload !== null && 'homeAccountId' in payload;
}

function logMsalMessage(level: LogLevel, message: string, containsPii: boolean): void {
  // Messages flagged as containing personal data are dropped, never printed.
  if (containsPii) {
    return;
  }
  if (level === LogLevel.Error) {
    console.error(`MSAL: ${message}`);
  } else if (level === LogLevel.Warning) {
    console.warn(`MSAL: ${message}`);
  }
}
