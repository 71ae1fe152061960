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
 * Builds the MSAL configuration for a deployment. The redirect URI is derived from where
 * the app is served, so the same build works at the root and under any sub-path.
 */
export function buildMsalConfiguration(config: AppConfig, pageUrl: string): Configuration {
  const redirectUri = new URL('redirect.html', pageUrl).href;
  const appUrl = new URL('./', pageUrl).href;

  return {
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      ...(config.authorityMetadata === undefined ? {} : { authorityMetadata: config.authorityMetadata }),
      redirectUri,
      postLogoutRedirectUri: appUrl,
    },
    cache: {
      cacheLocation: 'sessionStorage',
    },
    system: {
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
export async function createMsalInstance(config: AppConfig, pageUrl: string): Promise<PublicClientApplication> {
  const instance = new PublicClientApplication(buildMsalConfiguration(config, pageUrl));
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
