// The browser session cookie of the identity host. Cookies ignore ports, so the name carries the
// listener's port: emulators on several ports of one host keep separate sessions.
import { parseCookies } from '../core/http.mjs';

function cookieName(origin) {
  const url = new URL(origin);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `emulator_session_${port}`;
}

export function readSessionCookie(headers, origin) {
  return parseCookies(headers.cookie).get(cookieName(origin)) ?? null;
}

/** Returns the Set-Cookie value, with `Secure; SameSite=None` on https so silent sign-in in an iframe works. */
export function sessionCookie(origin, sessionId) {
  const attributes = origin.startsWith('https:') ? 'Secure; SameSite=None' : 'SameSite=Lax';
  return `${cookieName(origin)}=${sessionId}; Path=/; HttpOnly; ${attributes}`;
}

export function expiredSessionCookie(origin) {
  const attributes = origin.startsWith('https:') ? 'Secure; SameSite=None' : 'SameSite=Lax';
  return `${cookieName(origin)}=; Path=/; HttpOnly; Max-Age=0; ${attributes}`;
}
