// Graph's response conventions: OData JSON success bodies, the error envelope with request ids, and
// the headers every response carries.
import { formatInnerErrorDate } from '../core/time-format.mjs';

export const ODATA_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Creates a successful Graph result whose `body` is a JSON value. */
export function graphSuccess(body, headers = {}) {
  return { status: 200, headers, body };
}

/** Creates a failed Graph result, which `finalizeResult` wraps into the error envelope. */
export function graphError(status, code, message, headers = {}) {
  return { status, headers, error: { code, message } };
}

/** Creates Graph's error for a URL segment that it does not serve. */
export function unknownSegmentError(segment) {
  return graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

/**
 * Creates a 429 result. Its envelope's innerError carries `code`, `message` and `status`, as in
 * Graph's throttling responses.
 */
export function throttledError(headers = {}) {
  return {
    status: 429,
    headers,
    error: { code: 'TooManyRequests', message: 'Please retry again later.', throttled: true },
  };
}

/**
 * Turns a result into `{ status, headers, body }` with Graph's headers and, for errors, the
 * envelope. `body` stays a JSON value unless the result carries `rawBody` (a fault's raw text).
 */
export function finalizeResult(result, { requestId, clientRequestId, nowMs }) {
  const headers = { 'cache-control': 'no-cache', ...lowerCase(result.headers) };

  if (result.rawBody !== undefined) {
    return { status: result.status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: result.rawBody, raw: true };
  }
  if (result.error) {
    return { status: result.status, headers: { 'content-type': 'application/json', ...headers }, body: errorEnvelope(result, { requestId, clientRequestId, nowMs }) };
  }
  return {
    status: result.status,
    headers: { 'content-type': ODATA_CONTENT_TYPE, 'odata-version': '4.0', ...headers },
    body: result.body,
  };
}

function errorEnvelope(result, { requestId, clientRequestId, nowMs }) {
  const date = formatInnerErrorDate(nowMs);
  const { code, message, throttled } = result.error;
  if (throttled) {
    return {
      error: {
        code,
        innerError: { code: String(result.status), date, message: 'Please retry after', 'request-id': requestId, status: String(result.status) },
        message,
      },
    };
  }
  return { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId } } };
}

function lowerCase(headers) {
  const result = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}
