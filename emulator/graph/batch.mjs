// JSON batching (POST /$batch): at most 20 requests with ids unique regardless of case, each run
// through the same pipeline as a top-level request with the batch's bearer token. Responses come
// back in reverse request order, because clients must match them by id. `dependsOn` is accepted
// and ignored.
import { graphError, graphSuccess } from './envelope.mjs';

export const MAX_BATCH_REQUESTS = 20;

/** Header names as Graph spells them inside batch responses. */
const HEADER_SPELLINGS = { 'odata-version': 'OData-Version', 'www-authenticate': 'WWW-Authenticate' };

function spellHeaderName(name) {
  return HEADER_SPELLINGS[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash, letter) => `${dash}${letter.toUpperCase()}`);
}

function invalidBatch(message) {
  return graphError(400, 'BadRequest', `Invalid batch payload: ${message}`);
}

/** Checks the batch body and returns `{ items }` or `{ error }` (a 400 for the whole batch). */
export function parseBatch(text) {
  let payload;
  try {
    payload = JSON.parse(text);
  } catch {
    return { error: invalidBatch('the body is not valid JSON.') };
  }
  if (!payload || !Array.isArray(payload.requests)) {
    return { error: invalidBatch('the body needs a "requests" array.') };
  }
  if (payload.requests.length === 0) return { error: invalidBatch('the "requests" array is empty.') };
  if (payload.requests.length > MAX_BATCH_REQUESTS) {
    return { error: invalidBatch(`it holds ${payload.requests.length} requests; the limit is ${MAX_BATCH_REQUESTS}.`) };
  }

  const seenIds = new Set();
  for (const [index, item] of payload.requests.entries()) {
    for (const field of ['id', 'method', 'url']) {
      if (typeof item?.[field] !== 'string' || item[field] === '') {
        return { error: invalidBatch(`request ${index} has no "${field}" string.`) };
      }
    }
    const idKey = item.id.toLowerCase();
    if (seenIds.has(idKey)) {
      return { error: invalidBatch(`the id '${item.id}' appears more than once; ids must be unique regardless of case.`) };
    }
    seenIds.add(idKey);
    const hasContentType = Object.keys(item.headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
    if (item.body !== undefined && !hasContentType) {
      return { error: invalidBatch(`request '${item.id}' has a body but no Content-Type header.`) };
    }
  }
  return { items: payload.requests };
}

/**
 * Runs a batch. `processItem(item)` returns a final item result `{ status, headers, body, raw? }`
 * or `{ hang: true }`. Returns the outer Graph result, or `{ hang: true }` when an item hangs.
 */
export async function runBatch(items, processItem) {
  // NOTE: `dependsOn` is not honoured: every item runs at once, and none fails with 424.
  const results = await Promise.all(items.map((item) => processItem(item)));
  if (results.some((result) => result.hang)) return { hang: true };
  if (results.some((result) => result.reset)) return { reset: true };

  const responses = items.map((item, index) => {
    const result = results[index];
    const headers = Object.fromEntries(
      Object.entries(result.headers).map(([name, value]) => [spellHeaderName(name), value]),
    );
    // Graph base64-encodes bodies that are not JSON.
    const body = result.raw ? Buffer.from(String(result.body)).toString('base64') : result.body;
    return { id: item.id, status: result.status, headers, body };
  });
  return graphSuccess({ responses: responses.reverse() });
}
