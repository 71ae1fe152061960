import { describe, expect, it } from 'vitest';

import { createIndustryData } from './industry-data.mjs';
import { STORY_FLOW_IDS, parseInstant } from '../data/industry-data-tenant.mjs';

const BASE_URL = 'https://127.0.0.1:4381/beta';
const RUN_SCOPE = 'IndustryData-Run.Read.All';
const FLOW_SCOPE = 'IndustryData-InboundFlow.Read.All';
const ALL_SCOPES = [RUN_SCOPE, FLOW_SCOPE];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// 15:00 UTC: the 14:10 run started 50 minutes ago and is still running.
const T0_RUNNING = Date.UTC(2025, 8, 18, 15, 0);
// 18:00 UTC: the 14:10 run has finished and the next one is due at 02:10.
const T0_FINISHED = Date.UTC(2025, 8, 18, 18, 0);

// Keys of the documented Graph shapes.
const RUN_KEYS = ['@odata.type', 'blockingError', 'displayName', 'endDateTime', 'id', 'startDateTime', 'status'];
const FLOW_KEYS = [
  '@odata.type',
  'dataDomain',
  'displayName',
  'effectiveDateTime',
  'expirationDateTime',
  'id',
  'readinessStatus',
];
const ACTIVITY_KEYS = ['@odata.type', 'blockingError', 'displayName', 'id', 'status'];
const STATISTICS_KEYS = ['@odata.context', '@odata.type', 'activityStatistics', 'inboundTotals', 'runId', 'status'];
const ACTIVITY_RESULT_KEYS = [
  '@odata.type',
  'activityId',
  'displayName',
  'errors',
  'groups',
  'matchedPeopleByRole',
  'memberships',
  'organizations',
  'people',
  'status',
  'unmatchedPeopleByRole',
  'warnings',
];
const TOTALS_KEYS = [
  'errors',
  'groups',
  'matchedPeopleByRole',
  'memberships',
  'organizations',
  'people',
  'unmatchedPeopleByRole',
  'warnings',
];
const PUBLIC_ERROR_KEYS = ['code', 'details', 'innerError', 'message', 'target'];

// 3 to 7 fractional digits with no trailing zero, then Z.
const RUN_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2,6}[1-9]Z$/;
// Flow windows may also be whole seconds, like midnight expirations.
const FLOW_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,6}[1-9])?Z$/;

function createHarness(startMs) {
  let current = startMs;
  const industryData = createIndustryData({ clock: { now: () => current } });

  function get(path, { query = '', scopes = ALL_SCOPES } = {}) {
    return industryData.handle({
      method: 'GET',
      path: `/external/industryData${path}`,
      query: new URLSearchParams(query),
      scopes: new Set(scopes),
      baseUrl: BASE_URL,
      prefer: null,
    });
  }

  function followPages(path) {
    const pages = [];
    let query = '';
    for (;;) {
      const response = get(path, { query });
      expect(response.status).toBe(200);
      pages.push(response.body);
      const nextLink = response.body['@odata.nextLink'];
      if (!nextLink) return pages;

      const url = new URL(nextLink);
      expect(`${url.origin}${url.pathname}`).toBe(`${BASE_URL}/external/industryData${path}`);
      query = url.search;
    }
  }

  return {
    industryData,
    get,
    followPages,
    listRuns: () => followPages('/runs').flatMap((page) => page.value),
    listFlows: () => followPages('/inboundFlows').flatMap((page) => page.value),
    control: (action, body) => industryData.control(action, body),
    advance: (ms) => {
      current += ms;
    },
    setTime: (ms) => {
      current = ms;
    },
    now: () => current,
  };
}

function sortedKeys(object) {
  return Object.keys(object).sort();
}

function withoutContext(body) {
  const copy = { ...body };
  delete copy['@odata.context'];
  return copy;
}

function minutesOfDay(timestamp) {
  const date = new Date(parseInstant(timestamp));
  return date.getUTCHours() * 60 + date.getUTCMinutes();
}

function isScheduledStart(timestamp) {
  const minutes = minutesOfDay(timestamp);
  return minutes === 2 * 60 + 10 || minutes === 14 * 60 + 10;
}

describe('industry data runs', () => {
  it('pages follow nextLink to the end', () => {
    const harness = createHarness(T0_FINISHED);

    const pages = harness.followPages('/runs');
    const runs = pages.flatMap((page) => page.value);
    const state = harness.control('state').body;

    expect(pages.length).toBeGreaterThan(1);
    pages.slice(0, -1).forEach((page) => expect(page.value).toHaveLength(4));
    expect(pages.at(-1).value.length).toBeGreaterThan(0);
    expect(pages.at(-1).value.length).toBeLessThanOrEqual(4);
    expect(pages.at(-1)['@odata.nextLink']).toBeUndefined();
    expect(runs).toHaveLength(state.runCount);
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    expect(runs.length).toBeGreaterThanOrEqual(14);
  });

  it('lists newest first over about ten days', () => {
    const harness = createHarness(T0_FINISHED);

    const starts = harness.listRuns().map((run) => parseInstant(run.startDateTime));

    starts.slice(1).forEach((start, index) => expect(start).toBeLessThan(starts[index]));
    expect(starts.at(-1)).toBeGreaterThanOrEqual(T0_FINISHED - 10 * DAY);
    expect(starts.at(-1)).toBeLessThan(T0_FINISHED - 9 * DAY);
  });

  it('rejects an unknown skiptoken', () => {
    const harness = createHarness(T0_FINISHED);

    const response = harness.get('/runs', { query: "$skiptoken=id-'00000000-0000-4000-8000-000000000000'" });

    expect(response.status).toBe(400);
    expect(response.error.message).toContain('$skiptoken');
  });

  it('run bodies match the Graph shape', () => {
    const harness = createHarness(T0_RUNNING);

    const list = harness.get('/runs').body;
    const runs = harness.listRuns();
    const single = harness.get(`/runs/${runs[1].id}`).body;

    expect(list['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/runs`);
    expect(single['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/runs/$entity`);
    expect(withoutContext(single)).toEqual(runs[1]);
    for (const run of runs) {
      expect(sortedKeys(run)).toEqual(RUN_KEYS);
      expect(run['@odata.type']).toBe('#microsoft.graph.industryData.industryDataRun');
      expect(run.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(run.startDateTime).toMatch(RUN_TIMESTAMP);
      expect(run.displayName).toBe(`Run ${run.startDateTime.slice(0, 10)} ${run.startDateTime.slice(11, 16)} UTC`);
      if (run.status !== 'running') expect(run.endDateTime).toMatch(RUN_TIMESTAMP);
      if (run.status !== 'failed') expect(run.blockingError).toBeNull();
    }
  });

  it('running run has no end until it finishes', () => {
    const harness = createHarness(T0_RUNNING);

    const [running] = harness.listRuns();
    expect(running.status).toBe('running');
    expect(running.endDateTime).toBeNull();
    expect(running.blockingError).toBeNull();

    harness.advance(2 * HOUR);
    const finished = harness.get(`/runs/${running.id}`).body;
    expect(finished.status).not.toBe('running');
    expect(parseInstant(finished.endDateTime)).toBeGreaterThan(parseInstant(finished.startDateTime) + 80 * MINUTE);
    expect(parseInstant(finished.endDateTime)).toBeLessThan(parseInstant(finished.startDateTime) + 100 * MINUTE);
  });

  it('history covers every finished status', () => {
    const harness = createHarness(T0_FINISHED);

    const statuses = new Set(harness.listRuns().map((run) => run.status));

    for (const status of ['completed', 'completedWithWarnings', 'completedWithErrors', 'failed']) {
      expect(statuses).toContain(status);
    }
  });

  it('failed run carries run and activity errors', () => {
    const harness = createHarness(T0_FINISHED);

    const failed = harness.listRuns().find((run) => run.status === 'failed');
    const activities = harness.get(`/runs/${failed.id}/activities`).body.value;
    const failedActivities = activities.filter((activity) => activity.status === 'failed');
    const outbound = activities.filter((activity) => activity['@odata.type'].endsWith('outboundFlowActivity'));

    expect(sortedKeys(failed.blockingError)).toEqual(PUBLIC_ERROR_KEYS);
    expect(failed.blockingError.code).not.toBe('');
    expect(failedActivities).toHaveLength(1);
    expect(sortedKeys(failedActivities[0].blockingError)).toEqual(PUBLIC_ERROR_KEYS);
    expect(failed.blockingError.target).toBe(failedActivities[0].displayName);
    expect(outbound.map((activity) => activity.status)).toEqual(['skipped', 'skipped']);
    activities
      .filter((activity) => activity.status !== 'failed')
      .forEach((activity) => expect(activity.blockingError).toBeNull());
  });

  it('newest finished run has a failed flow within warnings', () => {
    const harness = createHarness(T0_FINISHED);

    const [newest] = harness.listRuns();
    const activities = harness.get(`/runs/${newest.id}/activities`).body.value;
    const failed = activities.filter((activity) => activity.status === 'failed');

    expect(newest.status).toBe('completedWithWarnings');
    expect(newest.blockingError).toBeNull();
    expect(failed).toHaveLength(1);
    expect(failed[0]['@odata.type']).toBe('#microsoft.graph.industryData.inboundFlowActivity');
    expect(failed[0].blockingError.message).toContain(failed[0].displayName);
  });

  it('history on-demand run skipped the next slot', () => {
    const harness = createHarness(T0_FINISHED);

    const runs = harness.listRuns();
    const onDemand = runs.filter((run) => !isScheduledStart(run.startDateTime));

    expect(onDemand).toHaveLength(1);
    const onDemandStart = parseInstant(onDemand[0].startDateTime);
    const within10Hours = runs.filter((run) => {
      const start = parseInstant(run.startDateTime);
      return start > onDemandStart && start <= onDemandStart + 10 * HOUR;
    });
    expect(within10Hours).toHaveLength(0);
  });

  it('new runs appear every 12 hours', () => {
    const harness = createHarness(T0_FINISHED);
    const initialCount = harness.listRuns().length;

    for (let step = 1; step <= 3; step += 1) {
      harness.advance(12 * HOUR);
      const runs = harness.listRuns();
      expect(runs).toHaveLength(initialCount + step);
      expect(isScheduledStart(runs[0].startDateTime)).toBe(true);
      expect(harness.now() - parseInstant(runs[0].startDateTime)).toBeLessThan(12 * HOUR);
    }
  });

  it('run appears only once its start has passed', () => {
    const harness = createHarness(T0_FINISHED);
    const before = harness.listRuns();

    harness.setTime(Date.UTC(2025, 8, 19, 2, 10));
    expect(harness.listRuns()).toHaveLength(before.length);

    harness.setTime(Date.UTC(2025, 8, 19, 2, 11));
    const after = harness.listRuns();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].status).toBe('running');
  });

  it('drops runs older than the retention', () => {
    const harness = createHarness(T0_FINISHED);
    const oldest = harness.listRuns().at(-1);

    harness.advance(31 * DAY);

    expect(harness.get(`/runs/${oldest.id}`).status).toBe(404);
    const starts = harness.listRuns().map((run) => parseInstant(run.startDateTime));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(harness.now() - 30 * DAY);
  });

  it('ids are stable for the same t0', () => {
    const first = createHarness(T0_FINISHED).listRuns();
    const second = createHarness(T0_FINISHED).listRuns();

    expect(second.map((run) => run.id)).toEqual(first.map((run) => run.id));
  });
});

describe('industry data on-demand runs', () => {
  it('skips a scheduled run due within 10 hours', () => {
    // 05:00: the 02:10 run has finished, and 14:10 is 9 h 10 min away.
    const harness = createHarness(Date.UTC(2025, 8, 18, 5, 0));

    const response = harness.control('on-demand-run');
    expect(response.status).toBe(200);
    expect(response.body.skippedScheduledRun).toBe('2025-09-18T14:10:00Z');
    const [newest] = harness.listRuns();
    expect(newest.id).toBe(response.body.id);
    expect(newest.status).toBe('running');

    harness.setTime(Date.UTC(2025, 8, 18, 14, 30));
    expect(harness.listRuns()[0].id).toBe(response.body.id);

    harness.setTime(Date.UTC(2025, 8, 19, 2, 30));
    const [next] = harness.listRuns();
    expect(next.id).not.toBe(response.body.id);
    expect(next.startDateTime.slice(0, 16)).toBe('2025-09-19T02:10');
  });

  it('keeps a scheduled run due after 10 hours', () => {
    // 03:55: the 02:10 run has finished, and 14:10 is 10 h 15 min away.
    const harness = createHarness(Date.UTC(2025, 8, 18, 3, 55));

    const response = harness.control('on-demand-run');
    expect(response.body.skippedScheduledRun).toBeNull();

    harness.setTime(Date.UTC(2025, 8, 18, 14, 30));
    const [newest, previous] = harness.listRuns();
    expect(newest.startDateTime.slice(0, 16)).toBe('2025-09-18T14:10');
    expect(previous.id).toBe(response.body.id);
  });

  it('state reports the next scheduled run after a skip', () => {
    const harness = createHarness(Date.UTC(2025, 8, 18, 5, 0));

    harness.control('on-demand-run');

    expect(harness.control('state').body.nextScheduledRun).toBe('2025-09-19T02:10:00Z');
  });
});

describe('industry data pause and outcomes', () => {
  it('pause-runs leaves 13 hours without a new run', () => {
    const harness = createHarness(T0_FINISHED);
    const initialCount = harness.listRuns().length;

    const paused = harness.control('pause-runs', { hours: 13 });
    expect(paused.status).toBe(200);
    expect(paused.body.paused.until).toBe('2025-09-19T07:00:00Z');

    harness.advance(13 * HOUR);
    expect(harness.listRuns()).toHaveLength(initialCount);
    expect(harness.control('state').body.nextScheduledRun).toBe('2025-09-19T14:10:00Z');

    harness.setTime(Date.UTC(2025, 8, 19, 14, 15));
    expect(harness.listRuns()).toHaveLength(initialCount + 1);
  });

  it('resume-runs ends the pause', () => {
    const harness = createHarness(T0_FINISHED);
    const initialCount = harness.listRuns().length;

    harness.control('pause-runs', { hours: 48 });
    harness.control('resume-runs');
    harness.advance(12 * HOUR);

    expect(harness.listRuns()).toHaveLength(initialCount + 1);
    expect(harness.control('state').body.paused).toBeNull();
  });

  it('state drops a pause that has ended', () => {
    const harness = createHarness(T0_FINISHED);

    harness.control('pause-runs', { hours: 2 });
    harness.advance(3 * HOUR);

    expect(harness.control('state').body.paused).toBeNull();
  });

  it('on-demand run needs a ready flow', () => {
    const harness = createHarness(T0_FINISHED);
    const readyFlows = harness.listFlows().filter((flow) => flow.readinessStatus === 'ready');

    readyFlows.forEach((flow) => harness.control('set-flow', { id: flow.id, readinessStatus: 'disabled' }));
    const response = harness.control('on-demand-run');

    expect(response.status).toBe(409);
    expect(response.error.message).toContain('set-flow');
    expect(harness.control('state').body.nextScheduledRun).toBeNull();
  });

  it('set-run-outcome fails the next run on a flow', () => {
    const harness = createHarness(T0_FINISHED);
    const flow = harness.get(`/inboundFlows/${STORY_FLOW_IDS.summerAcademy}`).body;

    const response = harness.control('set-run-outcome', { next: 'failed', flowId: flow.id });
    expect(response.status).toBe(200);
    harness.advance(12 * HOUR);

    const [run, previous] = harness.listRuns();
    expect(run.status).toBe('failed');
    expect(run.blockingError.target).toBe(flow.displayName);
    expect(previous.status).toBe('completedWithWarnings');
    const activities = harness.get(`/runs/${run.id}/activities`, { query: '$expand=activity' }).body.value;
    const failed = activities.find((activity) => activity.status === 'failed');
    expect(failed.activity.id).toBe(flow.id);
    const others = activities.filter((activity) => activity !== failed);
    others.forEach((activity) => expect(activity.status).toBe('skipped'));

    harness.advance(12 * HOUR);
    expect(harness.listRuns()[0].status).toBe('completed');
  });

  it('set-run-outcome can fail a flow within warnings', () => {
    const harness = createHarness(T0_FINISHED);

    harness.control('set-run-outcome', {
      next: 'completedWithWarnings',
      flowId: STORY_FLOW_IDS.district,
      activityStatus: 'failed',
    });
    harness.advance(12 * HOUR);

    const [run] = harness.listRuns();
    const activities = harness.get(`/runs/${run.id}/activities`, { query: '$expand=activity' }).body.value;
    const inbound = activities.filter((activity) => activity.activity !== null);
    expect(run.status).toBe('completedWithWarnings');
    expect(inbound.find((activity) => activity.activity.id === STORY_FLOW_IDS.district).status).toBe('failed');
    expect(inbound.some((activity) => activity.status === 'completedWithWarnings')).toBe(true);
  });

  it('on-demand run takes the pending outcome', () => {
    const harness = createHarness(T0_FINISHED);

    harness.control('set-run-outcome', { next: 'completedWithErrors' });
    const { id } = harness.control('on-demand-run').body;
    harness.advance(2 * HOUR);

    expect(harness.get(`/runs/${id}`).body.status).toBe('completedWithErrors');
    expect(harness.get(`/runs/${id}/getStatistics`).body.inboundTotals.errors).toBeGreaterThan(0);
  });

  it('rejects invalid control input', () => {
    const harness = createHarness(T0_FINISHED);

    expect(harness.control('pause-runs', { hours: -1 }).status).toBe(400);
    expect(harness.control('pause-runs', {}).status).toBe(400);
    expect(harness.control('set-run-outcome', { next: 'done' }).status).toBe(400);
    expect(harness.control('set-run-outcome', { next: 'failed', flowId: 'missing' }).status).toBe(404);
    expect(harness.control('set-flow', { id: 'missing' }).status).toBe(404);
    expect(harness.control('set-flow', { id: STORY_FLOW_IDS.district, readinessStatus: 'broken' }).status).toBe(400);
    expect(harness.control('set-flow', { id: STORY_FLOW_IDS.district, expirationDateTime: '2026-02-30T00:00:00Z' }).status).toBe(400);
    expect(harness.control('activities-forbidden', { value: 'yes' }).status).toBe(400);
    expect(harness.control('flows', { count: 1.5 }).status).toBe(400);
    const unknown = harness.control('rewind', {});
    expect(unknown.status).toBe(404);
    expect(unknown.error.message).toContain('on-demand-run');
  });
});

describe('industry data activities', () => {
  it('activity bodies match the Graph shape', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();

    const list = harness.get(`/runs/${run.id}/activities`).body;
    const [first] = list.value;
    const single = harness.get(`/runs/${run.id}/activities/${first.id}`).body;

    expect(list['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/runs('${run.id}')/activities`);
    list.value.forEach((activity) => expect(sortedKeys(activity)).toEqual(ACTIVITY_KEYS));
    expect(single['@odata.context']).toBe(
      `${BASE_URL}/$metadata#external/industryData/runs('${run.id}')/activities/$entity`,
    );
    expect(withoutContext(single)).toEqual(first);
  });

  it('each run has inbound per ready flow and two outbound', () => {
    const harness = createHarness(T0_FINISHED);
    const readyFlows = harness.listFlows().filter((flow) => flow.readinessStatus === 'ready');

    for (const run of harness.listRuns()) {
      const activities = harness.get(`/runs/${run.id}/activities`).body.value;
      const inbound = activities.filter((activity) => activity['@odata.type'].endsWith('.inboundFlowActivity'));
      const outbound = activities.filter((activity) => activity['@odata.type'].endsWith('.outboundFlowActivity'));
      expect(inbound.map((activity) => activity.displayName)).toEqual(readyFlows.map((flow) => flow.displayName));
      expect(outbound.map((activity) => activity.displayName.split(' - ').at(-1))).toEqual(['Users', 'Class groups']);
    }
  });

  it('expand links inbound activities to their flows', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();

    const expanded = harness.get(`/runs/${run.id}/activities`, { query: '$expand=activity' }).body;

    expect(expanded['@odata.context']).toBe(
      `${BASE_URL}/$metadata#external/industryData/runs('${run.id}')/activities(activity())`,
    );
    for (const activity of expanded.value) {
      expect(sortedKeys(activity)).toEqual([...ACTIVITY_KEYS, 'activity'].sort());
      if (activity['@odata.type'].endsWith('.outboundFlowActivity')) {
        expect(activity.activity).toBeNull();
        continue;
      }
      expect(sortedKeys(activity.activity)).toEqual(FLOW_KEYS);
      expect(activity.activity.displayName).toBe(activity.displayName);
      const flow = harness.get(`/inboundFlows/${activity.activity.id}`).body;
      expect(flow.displayName).toBe(activity.displayName);
    }
  });

  it('activity navigation returns the flow', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();
    const activities = harness.get(`/runs/${run.id}/activities`, { query: '$expand=activity' }).body.value;
    const inbound = activities.find((activity) => activity.activity !== null);
    const outbound = activities.find((activity) => activity.activity === null);

    const flow = harness.get(`/runs/${run.id}/activities/${inbound.id}/activity`);
    const missing = harness.get(`/runs/${run.id}/activities/${outbound.id}/activity`);

    expect(flow.status).toBe(200);
    expect(flow.body['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/inboundFlows/$entity`);
    expect(flow.body.id).toBe(inbound.activity.id);
    expect(missing.status).toBe(404);
    expect(missing.error.code).toBe('itemNotFound');
  });

  it('running run shows activities in progress', () => {
    const harness = createHarness(T0_RUNNING);
    const [run] = harness.listRuns();

    harness.setTime(parseInstant(run.startDateTime) + MINUTE);
    const early = harness.get(`/runs/${run.id}/activities`).body.value;

    expect(early.map((activity) => activity.status)).toEqual(early.map(() => 'inProgress'));
    early.forEach((activity) => expect(activity.blockingError).toBeNull());
  });

  it('rejects an unknown $expand', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();

    const response = harness.get(`/runs/${run.id}/activities`, { query: '$expand=flow' });

    expect(response.status).toBe(400);
    expect(response.error.message).toContain("'flow'");
  });
});

describe('industry data statistics', () => {
  it('both getStatistics URL forms return the same body', () => {
    const harness = createHarness(T0_FINISHED);
    const run = harness.listRuns().find((candidate) => candidate.status === 'completedWithErrors');

    const documented = harness.get(`/runs/${run.id}/getStatistics`);
    const sdk = harness.get(`/runs/${run.id}/microsoft.graph.industryData.getStatistics()`);

    expect(documented.status).toBe(200);
    expect(sdk.status).toBe(200);
    expect(sdk.body).toEqual(documented.body);
  });

  it('statistics match the Graph shape', () => {
    const harness = createHarness(T0_FINISHED);
    const run = harness.listRuns().find((candidate) => candidate.status === 'completedWithErrors');

    const statistics = harness.get(`/runs/${run.id}/getStatistics`).body;

    expect(sortedKeys(statistics)).toEqual(STATISTICS_KEYS);
    expect(statistics['@odata.context']).toBe(
      `${BASE_URL}/$metadata#microsoft.graph.industryData.industryDataRunStatistics`,
    );
    expect(statistics.runId).toBe(run.id);
    expect(statistics.status).toBe('completedWithErrors');
    expect(sortedKeys(statistics.inboundTotals)).toEqual(TOTALS_KEYS);
    for (const result of statistics.activityStatistics) {
      expect(sortedKeys(result)).toEqual(ACTIVITY_RESULT_KEYS);
      expect(result['@odata.type']).toBe('#microsoft.graph.industryData.inboundActivityResults');
      for (const name of ['people', 'groups', 'memberships', 'organizations']) {
        expect(sortedKeys(result[name])).toEqual(['active', 'inactive', 'total']);
      }
      result.matchedPeopleByRole.forEach((entry) => expect(sortedKeys(entry)).toEqual(['count', 'role']));
    }
  });

  it('statistics counts are consistent', () => {
    const harness = createHarness(T0_FINISHED);
    const run = harness.listRuns().find((candidate) => candidate.status === 'completedWithErrors');
    const activities = harness.get(`/runs/${run.id}/activities`).body.value;

    const { activityStatistics, inboundTotals } = harness.get(`/runs/${run.id}/getStatistics`).body;

    const inboundIds = activities
      .filter((activity) => activity['@odata.type'].endsWith('.inboundFlowActivity'))
      .map((activity) => activity.id);
    expect(activityStatistics.map((result) => result.activityId)).toEqual(inboundIds);
    const sum = (pick) => activityStatistics.reduce((total, result) => total + pick(result), 0);
    for (const result of activityStatistics) {
      for (const name of ['people', 'groups', 'memberships', 'organizations']) {
        expect(result[name].total).toBe(result[name].active + result[name].inactive);
      }
      const byRole = [...result.matchedPeopleByRole, ...result.unmatchedPeopleByRole];
      expect(byRole.reduce((total, entry) => total + entry.count, 0)).toBe(result.people.active);
      const activity = activities.find((candidate) => candidate.id === result.activityId);
      expect(result.status).toBe(activity.status);
      expect(result.displayName).toBe(activity.displayName);
      expect(result.errors > 0).toBe(result.status === 'completedWithErrors');
    }
    expect(inboundTotals.people).toBe(sum((result) => result.people.active));
    expect(inboundTotals.groups).toBe(sum((result) => result.groups.active));
    expect(inboundTotals.memberships).toBe(sum((result) => result.memberships.active));
    expect(inboundTotals.organizations).toBe(sum((result) => result.organizations.active));
    expect(inboundTotals.errors).toBe(sum((result) => result.errors));
    expect(inboundTotals.warnings).toBe(sum((result) => result.warnings));
    expect(inboundTotals.errors).toBeGreaterThan(0);
    const unmatched = inboundTotals.unmatchedPeopleByRole.reduce((total, entry) => total + entry.count, 0);
    expect(unmatched).toBe(sum((result) => result.unmatchedPeopleByRole.reduce((total, entry) => total + entry.count, 0)));
  });

  it('completed run has no errors or warnings', () => {
    const harness = createHarness(T0_FINISHED);
    const run = harness.listRuns().find((candidate) => candidate.status === 'completed');

    const { inboundTotals, activityStatistics } = harness.get(`/runs/${run.id}/getStatistics`).body;

    expect(inboundTotals.errors).toBe(0);
    expect(inboundTotals.warnings).toBe(0);
    expect(inboundTotals.people).toBeGreaterThan(0);
    activityStatistics.forEach((result) => expect(result.status).toBe('completed'));
  });

  it('failed run lists only the failed activity', () => {
    const harness = createHarness(T0_FINISHED);
    const run = harness.listRuns().find((candidate) => candidate.status === 'failed');
    const activities = harness.get(`/runs/${run.id}/activities`).body.value;
    const failed = activities.find((activity) => activity.status === 'failed');

    const { activityStatistics, inboundTotals, status } = harness.get(`/runs/${run.id}/getStatistics`).body;

    expect(status).toBe('failed');
    expect(activityStatistics.map((result) => result.activityId)).toEqual([failed.id]);
    expect(activityStatistics[0].people.active).toBe(0);
    expect(inboundTotals.people).toBe(0);
  });

  it('running run lists only finished activities', () => {
    const harness = createHarness(T0_RUNNING);
    const [run] = harness.listRuns();
    const start = parseInstant(run.startDateTime);

    harness.setTime(start + MINUTE);
    const early = harness.get(`/runs/${run.id}/getStatistics`).body;
    harness.setTime(start + 70 * MINUTE);
    const later = harness.get(`/runs/${run.id}/getStatistics`).body;

    expect(early.status).toBe('running');
    expect(early.activityStatistics).toEqual([]);
    expect(early.inboundTotals.people).toBe(0);
    expect(later.status).toBe('running');
    expect(later.activityStatistics.length).toBeGreaterThan(0);
  });
});

describe('industry data flows', () => {
  it('flow bodies match the Graph shape', () => {
    const harness = createHarness(T0_FINISHED);

    const list = harness.get('/inboundFlows').body;
    const single = harness.get(`/inboundFlows/${list.value[0].id}`).body;

    expect(list['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/inboundFlows`);
    expect(single['@odata.context']).toBe(`${BASE_URL}/$metadata#external/industryData/inboundFlows/$entity`);
    for (const flow of list.value) {
      expect(sortedKeys(flow)).toEqual(FLOW_KEYS);
      expect(['#microsoft.graph.industryData.inboundFileFlow', '#microsoft.graph.industryData.inboundApiFlow']).toContain(
        flow['@odata.type'],
      );
      expect(flow.dataDomain).toBe('educationRostering');
      expect(flow.effectiveDateTime).toMatch(FLOW_TIMESTAMP);
      expect(flow.expirationDateTime).toMatch(FLOW_TIMESTAMP);
    }
  });

  it('two flows share one display name', () => {
    const harness = createHarness(T0_FINISHED);

    const names = harness.listFlows().map((flow) => flow.displayName);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);

    expect(repeated).toHaveLength(1);
  });

  it('every readiness state is present', () => {
    const harness = createHarness(T0_FINISHED);

    const states = new Set(harness.listFlows().map((flow) => flow.readinessStatus));

    expect([...states].sort()).toEqual(['disabled', 'expired', 'failed', 'notReady', 'ready']);
  });

  it('one flow has expired and one ends soon', () => {
    const harness = createHarness(T0_FINISHED);
    const flows = harness.listFlows();

    const expired = flows.filter((flow) => parseInstant(flow.expirationDateTime) < T0_FINISHED);
    const endingSoon = flows.filter((flow) => {
      const expiration = parseInstant(flow.expirationDateTime);
      return flow.readinessStatus === 'ready' && expiration > T0_FINISHED && expiration <= T0_FINISHED + 30 * DAY;
    });

    expect(expired.map((flow) => flow.readinessStatus)).toEqual(['expired']);
    expect(endingSoon).toHaveLength(1);
    expect(flows.filter((flow) => flow.readinessStatus === 'ready').length).toBeGreaterThanOrEqual(2);
  });

  it('ready flow expires as the clock passes its end', () => {
    const harness = createHarness(T0_FINISHED);
    const flow = harness.get(`/inboundFlows/${STORY_FLOW_IDS.summerAcademy}`).body;

    harness.setTime(parseInstant(flow.expirationDateTime) + 13 * HOUR);

    expect(harness.get(`/inboundFlows/${flow.id}`).body.readinessStatus).toBe('expired');
    const [run] = harness.listRuns();
    const names = harness.get(`/runs/${run.id}/activities`).body.value.map((activity) => activity.displayName);
    expect(names).not.toContain(flow.displayName);
  });

  it('set-flow changes readiness and name', () => {
    const harness = createHarness(T0_FINISHED);

    const response = harness.control('set-flow', {
      id: STORY_FLOW_IDS.adultEducation,
      readinessStatus: 'ready',
      displayName: 'Fabrikam Adult Education - SDS CSV (renamed)',
    });
    harness.advance(12 * HOUR);

    expect(response.status).toBe(200);
    expect(response.body.readinessStatus).toBe('ready');
    const [run] = harness.listRuns();
    const names = harness.get(`/runs/${run.id}/activities`).body.value.map((activity) => activity.displayName);
    expect(names).toContain('Fabrikam Adult Education - SDS CSV (renamed)');
  });

  it('set-flow changes the expiration', () => {
    const harness = createHarness(T0_FINISHED);

    harness.control('set-flow', { id: STORY_FLOW_IDS.district, expirationDateTime: '2025-09-10T00:00:00Z' });

    const flow = harness.get(`/inboundFlows/${STORY_FLOW_IDS.district}`).body;
    expect(flow.expirationDateTime).toBe('2025-09-10T00:00:00Z');
    expect(flow.readinessStatus).toBe('expired');
  });

  it('flows control adds paged ready flows', () => {
    const harness = createHarness(T0_FINISHED);
    const storyCount = harness.listFlows().length;

    harness.control('flows', { count: 250 });
    const pages = harness.followPages('/inboundFlows');
    harness.advance(12 * HOUR);
    const [run] = harness.listRuns();
    const activities = harness.get(`/runs/${run.id}/activities`).body.value;

    expect(pages.map((page) => page.value.length)).toEqual([100, 100, storyCount + 50]);
    const flows = pages.flatMap((page) => page.value);
    expect(new Set(flows.map((flow) => flow.id)).size).toBe(storyCount + 250);
    expect(flows.filter((flow) => flow.readinessStatus === 'ready').length).toBe(253);
    expect(activities).toHaveLength(253 + 2);

    harness.control('flows', { count: 0 });
    expect(harness.listFlows()).toHaveLength(storyCount);
  });
});

describe('industry data tenant switches', () => {
  it('empty tenant has no flows and no runs', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();

    harness.control('empty', { value: true });
    harness.advance(12 * HOUR);

    expect(harness.get('/inboundFlows').body.value).toEqual([]);
    expect(harness.get('/runs').body.value).toEqual([]);
    expect(harness.get(`/runs/${run.id}`).status).toBe(404);
    expect(harness.control('on-demand-run').status).toBe(409);

    harness.control('empty', { value: false });
    expect(harness.listRuns()[0].id).toBe(run.id);
  });

  it('activities-forbidden blocks only activities', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();
    const [activity] = harness.get(`/runs/${run.id}/activities`).body.value;

    harness.control('activities-forbidden', { value: true });
    const paths = [
      `/runs/${run.id}/activities`,
      `/runs/${run.id}/activities/${activity.id}`,
      `/runs/${run.id}/activities/${activity.id}/activity`,
    ];
    for (const path of paths) {
      const response = harness.get(path);
      expect(response.status).toBe(403);
      expect(response.error.code).toBe('accessDenied');
    }
    expect(harness.get(`/runs/${run.id}`).status).toBe(200);
    expect(harness.get(`/runs/${run.id}/getStatistics`).status).toBe(200);

    harness.control('activities-forbidden', { value: false });
    expect(harness.get(paths[0]).status).toBe(200);
  });

  it('reset restores the story', () => {
    const harness = createHarness(T0_FINISHED);
    const original = harness.listRuns();

    harness.control('empty', { value: true });
    harness.control('activities-forbidden', { value: true });
    harness.control('set-flow', { id: STORY_FLOW_IDS.district, readinessStatus: 'disabled' });
    harness.industryData.reset();

    expect(harness.listRuns()).toEqual(original);
    expect(harness.get(`/inboundFlows/${STORY_FLOW_IDS.district}`).body.readinessStatus).toBe('ready');
    expect(harness.get(`/runs/${original[0].id}/activities`).status).toBe(200);
  });
});

describe('industry data requests', () => {
  const cases = [
    { path: '/runs', scope: RUN_SCOPE },
    { path: '/runs/{run}', scope: RUN_SCOPE },
    { path: '/runs/{run}/getStatistics', scope: RUN_SCOPE },
    { path: '/runs/{run}/activities', scope: RUN_SCOPE },
    { path: '/inboundFlows', scope: FLOW_SCOPE },
    { path: `/inboundFlows/${STORY_FLOW_IDS.district}`, scope: FLOW_SCOPE },
  ];

  it.each(cases)('$path needs $scope', ({ path, scope }) => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();
    const resolved = path.replace('{run}', run.id);
    const otherScopes = ALL_SCOPES.filter((name) => name !== scope);

    const denied = harness.get(resolved, { scopes: otherScopes });
    const allowed = harness.get(resolved, { scopes: [scope] });

    expect(denied.status).toBe(403);
    expect(denied.error.code).toBe('accessDenied');
    expect(denied.error.message).toContain(scope);
    expect(allowed.status).toBe(200);
  });

  it('unknown ids return 404', () => {
    const harness = createHarness(T0_FINISHED);
    const [run] = harness.listRuns();
    const unknown = '0f0f0f0f-0000-4000-8000-000000000000';

    const paths = [
      `/runs/${unknown}`,
      `/runs/${unknown}/getStatistics`,
      `/runs/${unknown}/activities`,
      `/runs/${run.id}/activities/${unknown}`,
      `/inboundFlows/${unknown}`,
    ];
    for (const path of paths) {
      const response = harness.get(path);
      expect(response.status).toBe(404);
      expect(response.error.code).toBe('itemNotFound');
    }
  });

  it('returns null for paths it does not serve', () => {
    const harness = createHarness(T0_FINISHED);

    const response = harness.industryData.handle({
      method: 'GET',
      path: '/education/synchronizationProfiles',
      query: new URLSearchParams(),
      scopes: new Set(ALL_SCOPES),
      baseUrl: BASE_URL,
      prefer: null,
    });

    expect(response).toBeNull();
  });

  it('rejects unknown segments and writes', () => {
    const harness = createHarness(T0_FINISHED);

    const unknown = harness.get('/dataConnectors');
    const write = harness.industryData.handle({
      method: 'POST',
      path: '/external/industryData/runs',
      query: new URLSearchParams(),
      scopes: new Set(ALL_SCOPES),
      baseUrl: BASE_URL,
      prefer: null,
    });

    expect(unknown.status).toBe(400);
    expect(unknown.error.message).toContain('dataConnectors');
    expect(write.status).toBe(405);
  });

  it('matches segments without regard to case', () => {
    const harness = createHarness(T0_FINISHED);

    const response = harness.industryData.handle({
      method: 'GET',
      path: '/External/IndustryData/Runs',
      query: new URLSearchParams(),
      scopes: new Set(ALL_SCOPES),
      baseUrl: BASE_URL,
      prefer: null,
    });

    expect(response.status).toBe(200);
  });
});
