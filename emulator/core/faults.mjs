// Injected faults: rules that make matching requests slow, hang or fail with a chosen response.
import { randomUUID } from 'node:crypto';

const KNOWN_FIELDS = new Set([
  'method', 'path', 'status', 'body', 'contentType', 'headers', 'latencyMs', 'hang', 'reset', 'times', 'insideBatch',
]);

export class FaultSpecError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

function validateSpec(spec) {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new FaultSpecError('A fault must be a JSON object such as {"path": "/profileStatus", "status": 503}.');
  }
  for (const field of Object.keys(spec)) {
    if (!KNOWN_FIELDS.has(field)) {
      throw new FaultSpecError(`Unknown fault field "${field}"; known fields: ${[...KNOWN_FIELDS].join(', ')}.`);
    }
  }
  if (typeof spec.path !== 'string' || spec.path === '') {
    throw new FaultSpecError('Fault field "path" is missing: send a substring of the request path, or a regular expression starting with ^.');
  }
  if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
    throw new FaultSpecError(`Fault field "status" must be an HTTP status from 100 to 599, got ${JSON.stringify(spec.status)}.`);
  }
  if (spec.latencyMs !== undefined && !(Number.isFinite(spec.latencyMs) && spec.latencyMs >= 0)) {
    throw new FaultSpecError(`Fault field "latencyMs" must be a number of milliseconds, 0 or more, got ${JSON.stringify(spec.latencyMs)}.`);
  }
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times > 0)) {
    throw new FaultSpecError(`Fault field "times" must be a positive integer, got ${JSON.stringify(spec.times)}.`);
  }
  if (spec.headers !== undefined && (spec.headers === null || typeof spec.headers !== 'object')) {
    throw new FaultSpecError('Fault field "headers" must be an object of header names to values.');
  }
  if (spec.status === undefined && spec.latencyMs === undefined && spec.hang !== true && spec.reset !== true) {
    throw new FaultSpecError('A fault needs at least one of "status", "latencyMs", "hang": true or "reset": true.');
  }
}

function createPathMatcher(path) {
  if (!path.startsWith('^')) return (candidate) => candidate.includes(path);
  try {
    const pattern = new RegExp(path);
    return (candidate) => pattern.test(candidate);
  } catch (error) {
    throw new FaultSpecError(`Fault field "path" is not a valid regular expression: ${error.message}`);
  }
}

export function createFaults() {
  let faults = [];

  return {
    /** Adds a fault and returns its id. Throws FaultSpecError on an invalid spec. */
    add(spec) {
      validateSpec(spec);
      const fault = {
        ...spec,
        id: randomUUID(),
        method: spec.method?.toUpperCase(),
        remaining: spec.times ?? Number.POSITIVE_INFINITY,
        matchesPath: createPathMatcher(spec.path),
      };
      faults.push(fault);
      return fault.id;
    },

    /**
     * Returns the first fault that matches and still applies, and counts the use. Faults apply to
     * OPTIONS requests only when they name that method, because a failed preflight hides every
     * other failure from browser code. `insideBatch` faults match only requests inside a $batch.
     */
    take({ method, path, insideBatch }) {
      const fault = faults.find(
        (candidate) =>
          candidate.remaining > 0 &&
          Boolean(candidate.insideBatch) === insideBatch &&
          (candidate.method ? candidate.method === method : method !== 'OPTIONS') &&
          candidate.matchesPath(path),
      );
      if (!fault) return null;
      fault.remaining -= 1;
      return fault;
    },

    list() {
      return faults.map((fault) => ({
        id: fault.id,
        method: fault.method,
        path: fault.path,
        status: fault.status,
        body: fault.body,
        contentType: fault.contentType,
        headers: fault.headers,
        latencyMs: fault.latencyMs,
        hang: fault.hang,
        reset: fault.reset,
        insideBatch: fault.insideBatch,
        remaining: Number.isFinite(fault.remaining) ? fault.remaining : null,
      }));
    },

    clear() {
      faults = [];
    },
  };
}

/** Waits `ms` milliseconds of real time. */
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
