// The control API under /_emulator/: reset, clock, classic data overrides, retired modes, consent,
// faults, latency, CORS exposure and the request log. JSON in and out, open to any origin, because
// tests call it from Node and from the page.
import { parseIsoTime } from '../core/clock.mjs';
import { FaultSpecError } from '../core/faults.mjs';
import { decodeSegment } from '../core/http.mjs';
import { RETIRED_MODES } from '../graph/classic.mjs';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

function reply(status, body) {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...CORS_HEADERS },
    body: JSON.stringify(body),
  };
}

function failure(status, code, message) {
  return reply(status, { error: { code, message } });
}

async function readJson(exchange) {
  const text = await exchange.readBody();
  if (text.trim() === '') return {};
  const value = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SyntaxError('the body must be a JSON object');
  }
  return value;
}

/**
 * Creates the control handler over the emulator `state` (see server.mjs). `handle(exchange)`
 * returns a reply for every path under /_emulator/.
 */
export function createControl(state) {
  const clockBody = () => ({ now: new Date(state.clock.now()).toISOString(), t0: new Date(state.classicTenant.t0Ms).toISOString() });

  const routes = [
    ['GET', /^\/_emulator\/info$/, () => reply(200, state.describe())],
    ['POST', /^\/_emulator\/reset$/, (body) => {
      state.reset(body.now === undefined ? undefined : parseIsoTime(body.now));
      return reply(200, clockBody());
    }],
    ['GET', /^\/_emulator\/clock$/, () => reply(200, clockBody())],
    ['POST', /^\/_emulator\/clock$/, (body) => {
      if (body.now !== undefined) state.clock.set(parseIsoTime(body.now));
      else if (Number.isFinite(body.advanceMs)) state.clock.advance(body.advanceMs);
      else return failure(400, 'invalidRequest', 'Send {"now": "<ISO time>"} or {"advanceMs": <milliseconds>}.');
      return reply(200, clockBody());
    }],
    ['POST', /^\/_emulator\/classic\/profiles\/([^/]+)\/status$/, (body, match) => {
      const found = state.classicTenant.overrideStatus(decodeSegment(match[1]), body, state.clock.now());
      return found ? reply(200, { id: match[1], ...body }) : profileNotFound(match[1]);
    }],
    ['DELETE', /^\/_emulator\/classic\/profiles\/([^/]+)(?:\/status)?$/, (_body, match) => {
      return state.classicTenant.remove(decodeSegment(match[1])) ? reply(200, { deleted: match[1] }) : profileNotFound(match[1]);
    }],
    ['POST', /^\/_emulator\/classic\/profiles$/, (body) => reply(200, { ids: state.classicTenant.generate(body.count) })],
    ['POST', /^\/_emulator\/classic\/retired$/, (body) => {
      const mode = body.mode ?? null;
      if (mode !== null && !RETIRED_MODES.has(mode)) {
        return failure(400, 'invalidRequest', `Unknown retired mode ${JSON.stringify(mode)}; use one of ${[...RETIRED_MODES].join(', ')} or null.`);
      }
      state.retiredMode = mode;
      return reply(200, { mode });
    }],
    ['GET', /^\/_emulator\/consent$/, () => reply(200, { scopes: state.consent.list() })],
    ['POST', /^\/_emulator\/consent$/, (body) => {
      state.consent.setConsented(body.scopes);
      return reply(200, { scopes: state.consent.list() });
    }],
    ['GET', /^\/_emulator\/faults$/, () => reply(200, { faults: state.faults.list() })],
    ['POST', /^\/_emulator\/faults$/, (body) => reply(200, { id: state.faults.add(body) })],
    ['DELETE', /^\/_emulator\/faults$/, () => {
      state.faults.clear();
      return reply(200, { faults: [] });
    }],
    ['POST', /^\/_emulator\/latency$/, (body) => {
      if (!Number.isFinite(body.ms) || body.ms < 0) {
        return failure(400, 'invalidRequest', `Send {"ms": <milliseconds, 0 or more>}; got ${JSON.stringify(body.ms)}.`);
      }
      state.settings.latencyMs = body.ms;
      return reply(200, { ms: body.ms });
    }],
    ['POST', /^\/_emulator\/cors$/, (body) => {
      if (typeof body.exposeRetryAfter !== 'boolean') {
        return failure(400, 'invalidRequest', 'Send {"exposeRetryAfter": true} or {"exposeRetryAfter": false}.');
      }
      state.settings.exposeRetryAfter = body.exposeRetryAfter;
      return reply(200, { exposeRetryAfter: body.exposeRetryAfter });
    }],
    ['GET', /^\/_emulator\/requests$/, () => reply(200, state.requestLog.list())],
    ['DELETE', /^\/_emulator\/requests$/, () => {
      state.requestLog.clear();
      return reply(200, []);
    }],
    ['POST', /^\/_emulator\/industry-data\/([^/]+)$/, (body, match) => {
      const result = state.industryData.control(decodeSegment(match[1]), body);
      if (result.error) return failure(result.status, result.error.code, result.error.message);
      return reply(result.status, result.body ?? {});
    }],
  ];

  function profileNotFound(id) {
    return failure(404, 'notFound', `No classic profile has the id '${id}'. GET /beta/education/synchronizationProfiles lists the current ones.`);
  }

  return {
    async handle(exchange) {
      if (exchange.method === 'OPTIONS') return { status: 204, headers: CORS_HEADERS, body: '' };

      const { pathname } = exchange.url;
      const matching = routes.filter(([, pattern]) => pattern.test(pathname));
      if (matching.length === 0) return failure(404, 'notFound', `Unknown control path ${pathname}; see emulator/README.md for the control API.`);
      const route = matching.find(([method]) => method === exchange.method);
      if (!route) {
        return failure(405, 'methodNotAllowed', `${pathname} accepts ${matching.map(([method]) => method).join(', ')}, not ${exchange.method}.`);
      }

      try {
        const body = exchange.method === 'POST' ? await readJson(exchange) : {};
        return await route[2](body, route[1].exec(pathname));
      } catch (error) {
        if (error instanceof SyntaxError) return failure(400, 'invalidJson', `The request body is not a JSON object: ${error.message}.`);
        if (error instanceof RangeError || error instanceof TypeError || error instanceof FaultSpecError) {
          return failure(400, 'invalidRequest', error.message);
        }
        throw error;
      }
    },
  };
}
