// JSON Web Tokens: HS256 for Graph access tokens (the emulator is the only reader) and RS256 for ID
// tokens, whose public key the JWKS endpoint publishes.
import { createHmac, createSign, timingSafeEqual } from 'node:crypto';

export function base64UrlEncode(value) {
  const buffer = Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8');
  return buffer.toString('base64url');
}

export function base64UrlDecode(text) {
  return Buffer.from(text, 'base64url');
}

function encodeSegments(header, payload) {
  return `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(payload))}`;
}

export function signHs256(payload, secret) {
  const signingInput = encodeSegments({ typ: 'JWT', alg: 'HS256' }, payload);
  const signature = createHmac('sha256', secret).update(signingInput).digest();
  return `${signingInput}.${base64UrlEncode(signature)}`;
}

export function signRs256(payload, privateKey, keyId) {
  const signingInput = encodeSegments({ typ: 'JWT', alg: 'RS256', kid: keyId }, payload);
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${base64UrlEncode(signature)}`;
}

/** Decodes a JWT without checking it. Returns null when the text is not a JWT. */
export function decodeJwt(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(base64UrlDecode(parts[0]).toString('utf8')),
      payload: JSON.parse(base64UrlDecode(parts[1]).toString('utf8')),
    };
  } catch {
    return null;
  }
}

/**
 * Verifies an HS256 JWT. Returns `{ payload }` when the signature is valid, or `{ problem }` with
 * 'malformed' or 'signature'. Lifetime is the caller's check, against the emulator clock.
 */
export function verifyHs256(token, secret) {
  const decoded = decodeJwt(token);
  if (!decoded || decoded.header.alg !== 'HS256') {
    return { problem: decoded ? 'signature' : 'malformed' };
  }
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const actual = base64UrlDecode(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { problem: 'signature' };
  }
  return { payload: decoded.payload };
}
