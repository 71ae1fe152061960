// Ports, ids and URLs shared by the Playwright config and the specs. The app runs on
// localhost and the emulator on 127.0.0.1, so sign-in crosses sites as it does with Entra.
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4380);
export const EMULATOR_HTTPS_PORT = Number(process.env.E2E_EMULATOR_HTTPS_PORT ?? 4381);
export const EMULATOR_HTTP_PORT = Number(process.env.E2E_EMULATOR_HTTP_PORT ?? 4382);

export const APP_ORIGIN = `http://localhost:${APP_PORT}`;
export const APP_URL = `${APP_ORIGIN}/`;
export const EMULATOR_ORIGIN = `https://127.0.0.1:${EMULATOR_HTTPS_PORT}`;
/** The control endpoint, on the plain listener so Node's fetch needs no certificate. */
export const CONTROL_ORIGIN = `http://127.0.0.1:${EMULATOR_HTTP_PORT}`;

export const TENANT_ID = '7d3f1c2a-58e4-4b6a-9c1d-2e8f5a0b6c43';
export const CLIENT_ID = '3f6c2b8e-9a41-4d7c-b5e2-1c8a7d9f0e64';

export const ADMIN = { name: 'Avery Howard', username: 'avery.howard@fabrikamschools.example' };
export const NON_ADMIN = { name: 'Riley Chen', username: 'riley.chen@fabrikamschools.example' };

/** config.json as a school would write it, pointed at the emulator. */
export function appConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: CLIENT_ID,
    authority: `${EMULATOR_ORIGIN}/${TENANT_ID}`,
    graphBaseUrl: EMULATOR_ORIGIN,
    pollIntervalSeconds: 60,
    ...overrides,
  };
}

/**
 * The config.json the static server serves to the app under test; re-read at every request.
 * One file per app port, so that runs on other ports do not overwrite it during a test.
 */
export const CONFIG_PATH = `.emulator/e2e-config-${APP_PORT}.json`;
