// The Graph beta Industry Data endpoints that the new School Data Sync reports through
// (/external/industryData/inboundFlows and /runs), read-only, plus the control actions that steer
// the simulated tenant. Bodies follow the documented Graph shapes. Behaviour that Graph does not
// document is marked as a guess where it is chosen.

import {
  ACTIVITY_OUTCOMES,
  READINESS_STATUSES,
  RUN_OUTCOMES,
  createIndustryDataTenant,
  formatInstant,
  isFinished,
  parseInstant,
} from '../data/industry-data-tenant.mjs';

const NAMESPACE = 'microsoft.graph.industryData';

// NOTE: Graph documents no page size for runs or flows. 4 runs per page makes paging visible with
// a short history, and 100 flows per page is a common Graph default.
const RUN_PAGE_SIZE = 4;
const FLOW_PAGE_SIZE = 100;

const MAX_EXTRA_FLOWS = 10_000;
const MAX_PAUSE_HOURS = 24 * 366;

// Each name is the least-privileged delegated permission, and the alternatives are the documented
// higher ones.
const RUN_PERMISSION = { name: 'IndustryData-Run.Read.All', alternatives: ['IndustryData-Run.Start'] };
const FLOW_PERMISSION = {
  name: 'IndustryData-InboundFlow.Read.All',
  alternatives: ['IndustryData-InboundFlow.ReadWrite.All'],
};

const STATISTICS_SEGMENTS = new Set([
  'getstatistics',
  'getstatistics()',
  `${NAMESPACE}.getstatistics`.toLowerCase(),
  `${NAMESPACE}.getstatistics()`.toLowerCase(),
]);

/**
 * Creates the Industry Data part of the emulator. `clock.now()` returns emulator time in
 * milliseconds since the epoch. The tenant's story is dated from the clock at creation and at
 * every `reset()`.
 */
export function createIndustryData({ clock }) {
  let tenant;
  let activitiesForbidden = false;

  const now = () => Math.floor(clock.now());

  function reset() {
    tenant = createIndustryDataTenant(now());
    activitiesForbidden = false;
  }

  /**
   * Serves a GET below /beta. Returns null for a path outside /external/industryData, else
   * `{ status: 200, body }` or `{ status, error: { code, message } }`.
   */
  function handle({ method, path, query = new URLSearchParams(), scopes = new Set(), baseUrl }) {
    const rawSegments = String(path).split('/').filter((segment) => segment !== '');
    if (rawSegments[0]?.toLowerCase() !== 'external' || rawSegments[1]?.toLowerCase() !== 'industrydata') return null;
    const segments = decodeSegments(rawSegments);
    if (segments === null) return failure(400, 'BadRequest', `The path '${path}' is not valid percent-encoding.`);

    const route = matchRoute(segments.slice(2));
    if (route === null) {
      const segment = segments.slice(2).join('/') || '(none)';
      return failure(400, 'BadRequest', `Resource not found for the segment '${segment}' under /external/industryData.`);
    }
    if (method !== 'GET') {
      return failure(405, 'methodNotAllowed', `${method} is not supported on ${path} because the emulator serves it read-only. Use GET.`);
    }

    const permissionError = checkPermission(route.permission, scopes);
    if (permissionError) return permissionError;

    const time = now();
    tenant.advance(time);
    const context = { time, query, baseUrl: String(baseUrl).replace(/\/+$/, ''), params: route.params };
    return route.serve(context);
  }

  function matchRoute(rest) {
    const [collection, id, child, childId, grandchild, ...extra] = rest;
    if (extra.length > 0) return null;
    const name = collection?.toLowerCase();
    const childName = child?.toLowerCase();
    const params = { id, childId };

    if (name === 'inboundflows' && child === undefined) {
      return { permission: FLOW_PERMISSION, params, serve: id === undefined ? listFlows : getFlow };
    }
    if (name !== 'runs') return null;

    if (id === undefined) return { permission: RUN_PERMISSION, params, serve: listRuns };
    if (child === undefined) return { permission: RUN_PERMISSION, params, serve: getRun };
    if (STATISTICS_SEGMENTS.has(childName) && childId === undefined) {
      return { permission: RUN_PERMISSION, params, serve: getStatistics };
    }
    if (childName !== 'activities') return null;

    if (childId === undefined) return { permission: RUN_PERMISSION, params, serve: listActivities };
    if (grandchild === undefined) return { permission: RUN_PERMISSION, params, serve: getActivity };
    if (grandchild.toLowerCase() === 'activity') return { permission: RUN_PERMISSION, params, serve: getActivityFlow };
    return null;
  }

  function listFlows({ time, query, baseUrl }) {
    const page = takePage(tenant.listFlows(), query, FLOW_PAGE_SIZE, `${baseUrl}/external/industryData/inboundFlows`);
    if (page.error) return page.error;

    return ok({
      '@odata.context': `${baseUrl}/$metadata#external/industryData/inboundFlows`,
      ...(page.nextLink && { '@odata.nextLink': page.nextLink }),
      value: page.items.map((flow) => flowBody(flow, time)),
    });
  }

  function getFlow({ time, baseUrl, params }) {
    const flow = tenant.findFlow(params.id);
    if (!flow) return notFound(`Inbound flow '${params.id}' was not found.`);
    return ok({
      '@odata.context': `${baseUrl}/$metadata#external/industryData/inboundFlows/$entity`,
      ...flowBody(flow, time),
    });
  }

  function listRuns({ time, query, baseUrl }) {
    const page = takePage(tenant.listRuns(time), query, RUN_PAGE_SIZE, `${baseUrl}/external/industryData/runs`);
    if (page.error) return page.error;

    return ok({
      '@odata.context': `${baseUrl}/$metadata#external/industryData/runs`,
      ...(page.nextLink && { '@odata.nextLink': page.nextLink }),
      value: page.items.map((run) => runBody(run, time)),
    });
  }

  function getRun({ time, baseUrl, params }) {
    const run = tenant.findRun(params.id, time);
    if (!run) return runNotFound(params.id);
    return ok({ '@odata.context': `${baseUrl}/$metadata#external/industryData/runs/$entity`, ...runBody(run, time) });
  }

  function getStatistics({ time, baseUrl, params }) {
    const run = tenant.findRun(params.id, time);
    if (!run) return runNotFound(params.id);
    return ok(statisticsBody(run, time, baseUrl));
  }

  function listActivities({ time, query, baseUrl, params }) {
    const found = findRunForActivities(params.id, time, query);
    if (found.error) return found.error;
    const { run, expand } = found;

    const runPath = `${baseUrl}/$metadata#external/industryData/runs('${run.id}')`;
    return ok({
      '@odata.context': `${runPath}/activities${expand ? '(activity())' : ''}`,
      value: run.activities.map((activity) => activityBody(activity, time, expand)),
    });
  }

  function getActivity({ time, query, baseUrl, params }) {
    const found = findRunForActivities(params.id, time, query);
    if (found.error) return found.error;
    const { run, expand } = found;

    const activity = findActivity(run, params.childId);
    if (!activity) return activityNotFound(run, params.childId);
    const runPath = `${baseUrl}/$metadata#external/industryData/runs('${run.id}')`;
    return ok({
      '@odata.context': `${runPath}/activities${expand ? '(activity())' : ''}/$entity`,
      ...activityBody(activity, time, expand),
    });
  }

  function getActivityFlow({ time, query, baseUrl, params }) {
    const found = findRunForActivities(params.id, time, query, { allowExpand: false });
    if (found.error) return found.error;

    const activity = findActivity(found.run, params.childId);
    if (!activity) return activityNotFound(found.run, params.childId);
    const flow = activity.flowId && tenant.findFlow(activity.flowId);
    // Graph returns 204 or 404 for an empty single-valued navigation, and 404 here is a guess.
    if (!flow) {
      return notFound(`Activity '${activity.id}' of run '${found.run.id}' has no linked inbound flow. Outbound activities never have one.`);
    }
    return ok({
      '@odata.context': `${baseUrl}/$metadata#external/industryData/inboundFlows/$entity`,
      ...flowBody(flow, time),
    });
  }

  /** Checks the activities switch, the run id and `$expand` shared by the activity endpoints. */
  function findRunForActivities(runId, time, query, { allowExpand = true } = {}) {
    // NOTE: Graph documents no permission for run activities. The control switch lets a client
    // rehearse a 403 here and fall back to the run-level status.
    if (activitiesForbidden) {
      return {
        error: failure(
          403,
          'accessDenied',
          `Access to the activities of run '${runId}' was denied because the granted permissions do not cover run activities. Read the run's status instead.`,
        ),
      };
    }

    const run = tenant.findRun(runId, time);
    if (!run) return { error: runNotFound(runId) };

    const expandValue = query.get('$expand');
    if (expandValue === null) return { run, expand: false };
    if (allowExpand && expandValue.trim().toLowerCase() === 'activity') return { run, expand: true };
    return {
      error: failure(
        400,
        'BadRequest',
        `Could not find a property named '${expandValue}' to expand here. Run activities support only $expand=activity.`,
      ),
    };
  }

  function activityBody(activity, time, expand) {
    const finished = isFinished(activity, time);
    const body = {
      '@odata.type': `#${NAMESPACE}.${activity.type}`,
      blockingError: finished ? structuredClone(activity.blockingError) : null,
      displayName: activity.displayName,
      id: activity.id,
      status: finished ? activity.status : 'inProgress',
    };
    if (expand) {
      const flow = activity.flowId && tenant.findFlow(activity.flowId);
      body.activity = flow ? flowBody(flow, time) : null;
    }
    return body;
  }

  /**
   * Builds the getStatistics body: one inboundActivityResults per inbound activity that has run to
   * an end (skipped ones are left out), and inboundTotals as the sum of their active counts.
   */
  function statisticsBody(run, time, baseUrl) {
    // NOTE: Graph does not document statistics of a running run. Returning status running with the
    // inbound activities finished so far is a guess.
    const results = run.activities
      .filter((activity) => activity.counts && isFinished(activity, time))
      .map((activity) => ({
        '@odata.type': `#${NAMESPACE}.inboundActivityResults`,
        activityId: activity.id,
        displayName: activity.displayName,
        status: activity.status,
        errors: activity.counts.errors,
        warnings: activity.counts.warnings,
        groups: { ...activity.counts.groups },
        matchedPeopleByRole: activity.counts.matchedPeopleByRole.map((entry) => ({ ...entry })),
        memberships: { ...activity.counts.memberships },
        organizations: { ...activity.counts.organizations },
        people: { ...activity.counts.people },
        unmatchedPeopleByRole: activity.counts.unmatchedPeopleByRole.map((entry) => ({ ...entry })),
      }));

    return {
      '@odata.context': `${baseUrl}/$metadata#${NAMESPACE}.industryDataRunStatistics`,
      '@odata.type': `#${NAMESPACE}.industryDataRunStatistics`,
      activityStatistics: results,
      inboundTotals: sumInboundTotals(results),
      runId: run.id,
      status: isFinished(run, time) ? run.status : 'running',
    };
  }

  function flowBody(flow, time) {
    return {
      '@odata.type': `#${NAMESPACE}.${flow.type}`,
      dataDomain: 'educationRostering',
      displayName: flow.displayName,
      effectiveDateTime: flow.effectiveText,
      expirationDateTime: flow.expirationText,
      id: flow.id,
      readinessStatus: tenant.readinessAt(flow, time),
    };
  }

  /**
   * Runs a control action (POST /_emulator/industry-data/<action>). Returns `{ status, body }` or
   * `{ status, error }`.
   */
  function control(action, body) {
    const input = body ?? {};
    if (typeof input !== 'object' || Array.isArray(input)) {
      return failure(400, 'badRequest', `The body of control action '${action}' must be a JSON object.`);
    }
    if (!Object.hasOwn(CONTROL_ACTIONS, action)) {
      const known = Object.keys(CONTROL_ACTIONS).join(', ');
      return failure(404, 'notFound', `Unknown Industry Data control action '${action}'. Known actions: ${known}.`);
    }
    return CONTROL_ACTIONS[action](input, now());
  }

  const CONTROL_ACTIONS = {
    'on-demand-run': (_input, time) => {
      const started = tenant.startOnDemandRun(time);
      if (started.error) return failure(409, 'conflict', started.error);
      return ok({
        id: started.run.id,
        startDateTime: started.run.startText,
        skippedScheduledRun: started.skippedSlotMs === null ? null : formatInstant(started.skippedSlotMs),
      });
    },

    'pause-runs': ({ hours }, time) => {
      if (typeof hours !== 'number' || !(hours > 0) || hours > MAX_PAUSE_HOURS) {
        return invalid('hours', hours, `a number of hours above 0 and at most ${MAX_PAUSE_HOURS}`);
      }
      tenant.pauseRuns(time, hours);
      return ok(tenant.summarize(time));
    },

    'resume-runs': (_input, time) => {
      tenant.resumeRuns(time);
      return ok(tenant.summarize(time));
    },

    'set-flow': (input, time) => setFlow(input, time),

    'set-run-outcome': (input, time) => setRunOutcome(input, time),

    'activities-forbidden': ({ value }, time) => {
      if (typeof value !== 'boolean') return invalid('value', value, 'true or false');
      activitiesForbidden = value;
      return ok({ activitiesForbidden, now: formatInstant(time) });
    },

    empty: ({ value }, time) => {
      if (typeof value !== 'boolean') return invalid('value', value, 'true or false');
      tenant.setEmpty(time, value);
      return ok(tenant.summarize(time));
    },

    flows: ({ count }, time) => {
      if (!Number.isInteger(count) || count < 0 || count > MAX_EXTRA_FLOWS) {
        return invalid('count', count, `an integer from 0 to ${MAX_EXTRA_FLOWS}`);
      }
      tenant.setExtraFlowCount(time, count);
      return ok(tenant.summarize(time));
    },

    state: (_input, time) => ok({ ...tenant.summarize(time), activitiesForbidden }),
  };

  function setFlow({ id, readinessStatus, expirationDateTime, displayName }, time) {
    if (typeof id !== 'string') return invalid('id', id, 'the id of an inbound flow');
    const flow = tenant.findFlow(id);
    if (!flow) return failure(404, 'notFound', `Inbound flow '${id}' was not found. The state action lists the flow ids.`);

    const changes = {};
    if (readinessStatus !== undefined) {
      if (!READINESS_STATUSES.includes(readinessStatus)) {
        return invalid('readinessStatus', readinessStatus, `one of ${READINESS_STATUSES.join(', ')}`);
      }
      changes.readinessStatus = readinessStatus;
    }
    if (expirationDateTime !== undefined) {
      const ms = parseInstant(expirationDateTime);
      if (ms === null) {
        return invalid('expirationDateTime', expirationDateTime, 'a UTC time such as 2026-06-30T00:00:00Z');
      }
      changes.expiration = { ms, text: expirationDateTime };
    }
    if (displayName !== undefined) {
      // industryDataActivity.displayName allows at most 100 characters.
      if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 100) {
        return invalid('displayName', displayName, 'a non-empty string of at most 100 characters');
      }
      changes.displayName = displayName;
    }

    tenant.updateFlow(time, flow, changes);
    return ok(flowBody(flow, time));
  }

  function setRunOutcome({ next, flowId, activityStatus }, time) {
    if (!RUN_OUTCOMES.includes(next)) return invalid('next', next, `one of ${RUN_OUTCOMES.join(', ')}`);
    if (activityStatus !== undefined && !ACTIVITY_OUTCOMES.includes(activityStatus)) {
      return invalid('activityStatus', activityStatus, `one of ${ACTIVITY_OUTCOMES.join(', ')}`);
    }
    if (activityStatus !== undefined && flowId === undefined) {
      return invalid('flowId', flowId, 'the id of the flow whose activity gets activityStatus');
    }
    if (next === 'failed' && activityStatus !== undefined && activityStatus !== 'failed') {
      return invalid('activityStatus', activityStatus, 'failed or absent when next is failed');
    }

    const outcome = { status: next, activities: {} };
    if (flowId !== undefined) {
      const flow = typeof flowId === 'string' ? tenant.findFlow(flowId) : null;
      if (!flow) return failure(404, 'notFound', `Inbound flow '${flowId}' was not found. The state action lists the flow ids.`);
      // Every run outcome is also an activity status of the same name.
      outcome.activities[flow.id] = activityStatus ?? next;
    }

    tenant.setNextOutcome(time, outcome);
    const [target] = Object.entries(outcome.activities);
    return ok({ next, flowId: target?.[0] ?? null, activityStatus: target?.[1] ?? null });
  }

  reset();
  return { handle, control, reset };
}

/** Returns the segments decoded, or null when a segment is not valid percent-encoding. */
function decodeSegments(segments) {
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

/** Returns a 403 result naming the missing permission, or null when the token's scopes cover it. */
function checkPermission(permission, scopes) {
  if (scopes.has(permission.name) || permission.alternatives.some((name) => scopes.has(name))) return null;
  return failure(
    403,
    'accessDenied',
    `Missing delegated permission ${permission.name} in the access token. Add it to the app registration, grant admin consent, and sign in again.`,
  );
}

/**
 * Returns one page of `items` from the `$skiptoken` in `query`, and a nextLink when more remain.
 * The token has the form id-'<id of the last item on the previous page>', like Graph's
 * dataConnectors paging, and clients must treat it as opaque.
 */
function takePage(items, query, pageSize, collectionUrl) {
  const token = query.get('$skiptoken');
  let start = 0;
  if (token !== null) {
    const match = /^id-'([0-9a-f-]{36})'$/i.exec(token);
    const index = match ? items.findIndex((item) => item.id.toLowerCase() === match[1].toLowerCase()) : -1;
    if (index === -1) {
      return {
        error: failure(400, 'BadRequest', `The $skiptoken '${token}' is invalid or has expired. Request the first page again.`),
      };
    }
    start = index + 1;
  }

  const pageItems = items.slice(start, start + pageSize);
  const hasMore = start + pageSize < items.length;
  const lastId = pageItems.at(-1)?.id;
  const nextLink = hasMore ? `${collectionUrl}?$skiptoken=id-%27${lastId}%27` : null;
  return { items: pageItems, nextLink };
}

function runBody(run, time) {
  const finished = isFinished(run, time);
  return {
    '@odata.type': `#${NAMESPACE}.industryDataRun`,
    blockingError: finished ? structuredClone(run.blockingError) : null,
    displayName: run.displayName,
    endDateTime: finished ? run.endText : null,
    id: run.id,
    startDateTime: run.startText,
    status: finished ? run.status : 'running',
  };
}

function findActivity(run, activityId) {
  return run.activities.find((activity) => activity.id.toLowerCase() === String(activityId).toLowerCase()) ?? null;
}

/** Sums the active counts, errors, warnings and people by role of the activity results. */
function sumInboundTotals(results) {
  const sum = (pick) => results.reduce((total, result) => total + pick(result), 0);
  return {
    errors: sum((result) => result.errors),
    groups: sum((result) => result.groups.active),
    matchedPeopleByRole: sumByRole(results.map((result) => result.matchedPeopleByRole)),
    memberships: sum((result) => result.memberships.active),
    organizations: sum((result) => result.organizations.active),
    people: sum((result) => result.people.active),
    unmatchedPeopleByRole: sumByRole(results.map((result) => result.unmatchedPeopleByRole)),
    warnings: sum((result) => result.warnings),
  };
}

function sumByRole(lists) {
  const counts = new Map();
  for (const entry of lists.flat()) counts.set(entry.role, (counts.get(entry.role) ?? 0) + entry.count);
  return [...counts].map(([role, count]) => ({ count, role }));
}

function ok(body) {
  return { status: 200, body };
}

function failure(status, code, message) {
  return { status, error: { code, message } };
}

function notFound(message) {
  return failure(404, 'itemNotFound', message);
}

function runNotFound(id) {
  return notFound(`Run '${id}' was not found. Runs are kept for a limited time. List /external/industryData/runs for current ids.`);
}

function activityNotFound(run, activityId) {
  return notFound(`Activity '${activityId}' was not found in run '${run.id}'. List the run's activities for their ids.`);
}

function invalid(field, value, expected) {
  return failure(400, 'badRequest', `Invalid ${field} ${JSON.stringify(value)}: expected ${expected}.`);
}
