// Vitest lifecycle shared by the emulator's HTTP tests: one emulator per test file, reset to
// a fixed time and signed in as the admin before each test.
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startEmulator } from '../server.mjs';
import { control, signIn, TEST_CLIENTS } from './identity-client.mjs';

/**
 * Registers the hooks and returns an object whose `emulator`, `origin` (the plain-http
 * listener) and `token` (the admin's access token) are current inside each test.
 */
export function useSignedInEmulator(now) {
  const session = { emulator: undefined, origin: undefined, token: undefined };

  beforeAll(async () => {
    session.emulator = await startEmulator({ clients: TEST_CLIENTS });
    session.origin = session.emulator.httpOrigin;
  });

  afterAll(async () => {
    await session.emulator?.close();
  });

  beforeEach(async () => {
    await control(session.origin, 'POST', '/reset', { now });
    session.token = (await signIn(session.origin, session.emulator.tenantId)).access_token;
  });

  return session;
}
