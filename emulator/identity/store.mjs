// Server-side state of the identity platform: browser sessions, authorization codes and refresh
// tokens. Everything is in memory and cleared by a control reset.
import { randomBytes, randomUUID } from 'node:crypto';

/** Authorization codes expire this long after issue, in emulator time. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

function opaqueValue() {
  return `1.A${randomBytes(48).toString('base64url')}`;
}

export function createIdentityStore() {
  let sessions = new Map();
  let codes = new Map();
  let refreshTokens = new Map();

  return {
    /** Creates a browser session; `sessionState` is the `sid` claim and `session_state` value. */
    createSession(objectId, nowMs) {
      const session = { id: randomBytes(32).toString('base64url'), sessionState: randomUUID(), objectId, createdAtMs: nowMs };
      sessions.set(session.id, session);
      return session;
    },
    getSession(id) {
      return (id && sessions.get(id)) || null;
    },
    deleteSession(id) {
      sessions.delete(id);
    },

    /** Stores an authorization code record and returns the code. */
    createCode(record) {
      const code = opaqueValue();
      codes.set(code, { ...record, redeemed: false });
      return code;
    },
    getCode(code) {
      return codes.get(code) ?? null;
    },

    /**
     * Stores a refresh token record and returns the token. `signedInAtMs` is the time of the
     * interactive sign-in the token descends from, which fixes its lifetime.
     */
    createRefreshToken(record) {
      const token = opaqueValue();
      refreshTokens.set(token, record);
      return token;
    },
    getRefreshToken(token) {
      return refreshTokens.get(token) ?? null;
    },

    reset() {
      sessions = new Map();
      codes = new Map();
      refreshTokens = new Map();
    },
  };
}
