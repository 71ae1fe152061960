// Small HTTP helpers shared by the identity, Graph and control handlers. They work on both the
// HTTP/1.1 and the HTTP/2 compatibility request and response objects.

/** Maximum request body the emulator reads, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class RequestBodyError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'RequestBodyError';
    this.status = status;
  }
}

/** Reads the whole request body as text, rejecting bodies over MAX_BODY_BYTES. */
export async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new RequestBodyError(`Request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Returns the origin a request was addressed to (scheme of the listener plus its Host), so that
 * each listener advertises itself under the name the client used.
 */
export function requestOrigin(request, scheme, fallbackHost) {
  const host = request.headers[':authority'] ?? request.headers.host ?? '';
  const usableHost = /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? host : fallbackHost;
  return `${scheme}://${usableHost}`;
}

/** Parses a Cookie header into a Map. */
export function parseCookies(header) {
  const cookies = new Map();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    cookies.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  return cookies;
}

/** Sends a response with the given status, headers and body (string, Buffer or nothing). */
export function send(response, status, headers, body) {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, headers);
  response.end(body ?? undefined);
}

/** Decodes a percent-encoded path segment, or returns it unchanged when its encoding is invalid. */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text) {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Lower-cases the header names of a plain object (batch item headers arrive in any case). */
export function lowerCaseHeaders(headers) {
  const result = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = String(value);
  }
  return result;
}
