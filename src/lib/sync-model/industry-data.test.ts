import { describe, expect, it } from 'vitest';
import { industryDataStatus, statisticsRunId, type IndustryDataInput } from './industry-data';
import type {
  InboundFlow,
  IndustryDataRun,
  PublicError,
  RunActivity,
  RunStatistics,
} from './industry-data-types';
import type { SyncState } from './status';

const FLOW: InboundFlow = {
  '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
  id: 'flow-lakeside-2026',
  displayName: 'Lakeside CSV - AY 2026',
  dataDomain: 'educationRostering',
  readinessStatus: 'ready',
  effectiveDateTime: '2025-07-15T16:42:09.417305Z',
  expirationDateTime: '2026-06-30T00:00:00Z',
};

const OTHER_FLOW: InboundFlow = {
  '@odata.type': '#microsoft.graph.industryData.inboundApiFlow',
  id: 'flow-harbor-oneroster',
  displayName: 'Harbor OneRoster - AY 2026',
  readinessStatus: 'ready',
  effectiveDateTime: '2025-07-10T00:00:00Z',
  expirationDateTime: '2026-06-30T00:00:00Z',
};

/** A second flow with the same display name as FLOW. */
const TWIN_FLOW: InboundFlow = { ...FLOW, id: 'flow-lakeside-2026-copy' };

const NOW = new Date('2025-09-18T05:00:00Z');

function run(
  id: string,
  start: string,
  status: string,
  end: string | null = addMinutes(start, 95),
  blockingError: PublicError | null = null,
): IndustryDataRun {
  return { id, displayName: `Run ${start}`, startDateTime: start, endDateTime: end, status, blockingError };
}

function inbound(id: string, status: string, options: { name?: string; linkTo?: InboundFlow | null; error?: PublicError } = {}): RunActivity {
  const activity: RunActivity = {
    '@odata.type': '#microsoft.graph.industryData.inboundFlowActivity',
    id,
    displayName: options.name ?? FLOW.displayName,
    status,
    blockingError: options.error ?? null,
  };
  if (options.linkTo !== undefined) {
    activity.activity = options.linkTo;
  }
  return activity;
}

function outbound(id: string, status: string): RunActivity {
  return {
    '@odata.type': '#microsoft.graph.industryData.outboundFlowActivity',
    id,
    displayName: 'Lakeside M365 provisioning - Users',
    status,
    blockingError: null,
    activity: null,
  };
}

function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

function evaluate(overrides: Partial<IndustryDataInput> = {}) {
  return industryDataStatus({
    flow: FLOW,
    allFlows: [FLOW, OTHER_FLOW],
    runs: [],
    activitiesByRun: new Map(),
    statistics: undefined,
    now: NOW,
    settings: { overdueGraceMinutes: 60, expiryWarningDays: 30 },
    ...overrides,
  });
}

/** Runs one activity status in the newest run, after one completed run, with activities read. */
function evaluateNewest(activityStatus: string, runStatus = activityStatus) {
  return evaluate({
    runs: [run('r-old', '2025-09-17T14:10:00Z', 'completed'), run('r-new', '2025-09-18T02:10:00Z', runStatus)],
    activitiesByRun: new Map([
      ['r-old', [inbound('a-old', 'completed')]],
      ['r-new', [inbound('a-new', activityStatus), outbound('o-new', 'completed')]],
    ]),
  });
}

const FAILED_RUN_ERROR: PublicError = {
  code: 'InboundFlowFailed',
  message: 'The inbound flow failed. See the activity error.',
  target: FLOW.displayName,
  details: [],
};
const FAILED_ACTIVITY_ERROR: PublicError = {
  code: 'MissingRequiredFile',
  message: "Required file 'users.csv' was missing from the upload.",
  target: 'users.csv',
};

describe('industryDataStatus outcome mapping', () => {
  it.each([
    ['completed', 'healthy', null],
    ['completedWithWarnings', 'warning', 'completed with warnings'],
    ['completedWithErrors', 'warning', 'completed with errors'],
    ['failed', 'failed', null],
    ['inProgress', 'inProgress', null],
    ['unknownFutureValue', 'unknown', 'unknownFutureValue'],
    ['throttled', 'unknown', 'throttled'],
  ] as [string, SyncState, string | null][])('maps activity status %s to %s', (status, state, detail) => {
    const result = evaluateNewest(status, 'completed');

    expect(result.state).toBe(state);
    expect(result.stateDetail).toBe(detail);
    expect(result.runHistory?.[0]?.status).toBe(status);
    expect(result.runHistory?.[0]?.state).toBe(state);
  });

  it('maps a running run without activities to in progress', () => {
    const result = evaluate({ runs: [run('r1', '2025-09-18T02:10:00Z', 'running', null)] });

    expect(result.state).toBe('inProgress');
    expect(result.lastSuccessfulSync).toBeNull();
    expect(result.lastActivity?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
  });

  it('copies times and message for a completed run', () => {
    const result = evaluateNewest('completed');

    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-18T03:45:00.000Z');
    expect(result.lastActivity?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
    expect(result.message).toBeNull();
    expect(result.blockingError).toBeNull();
    expect(result.notes).toEqual([]);
  });

  it.each([
    ['completedWithErrors', 'The newest run completed with errors.'],
    ['completedWithWarnings', 'The newest run completed with warnings.'],
  ])('describes %s in the message', (status, message) => {
    expect(evaluateNewest(status).message).toBe(message);
  });

  it('counts finished runs with errors or warnings as successful syncs', () => {
    for (const status of ['completedWithErrors', 'completedWithWarnings']) {
      expect(evaluateNewest(status).lastSuccessfulSync?.toISOString()).toBe('2025-09-18T03:45:00.000Z');
    }
  });

  it('keeps the last successful sync from before a failure', () => {
    const result = evaluateNewest('failed');

    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-17T15:45:00.000Z');
    expect(result.lastActivity?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
  });
});

describe('industryDataStatus failures', () => {
  it('prefers the activity blocking error over the run one', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'failed', '2025-09-18T02:14:58Z', FAILED_RUN_ERROR)],
      activitiesByRun: new Map([['r1', [inbound('a1', 'failed', { error: FAILED_ACTIVITY_ERROR })]]]),
    });

    expect(result.state).toBe('failed');
    expect(result.blockingError).toEqual({
      code: 'MissingRequiredFile',
      message: "Required file 'users.csv' was missing from the upload.",
      target: 'users.csv',
    });
    expect(result.message).toBe("Required file 'users.csv' was missing from the upload.");
  });

  it('falls back to the run blocking error', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'failed', '2025-09-18T02:14:58Z', FAILED_RUN_ERROR)],
      activitiesByRun: new Map([['r1', [inbound('a1', 'failed')]]]),
    });

    expect(result.blockingError?.code).toBe('InboundFlowFailed');
    expect(result.message).toBe('The inbound flow failed. See the activity error.');
  });

  it('says when a failure came without an error', () => {
    const result = evaluate({ runs: [run('r1', '2025-09-18T02:10:00Z', 'failed')] });

    expect(result.blockingError).toBeNull();
    expect(result.message).toBe('The newest run failed without an error message.');
  });

  it('shows a failed activity inside a run completed with warnings', () => {
    const result = evaluateNewest('failed', 'completedWithWarnings');

    expect(result.state).toBe('failed');
  });

  it('shows a completed activity inside a failed run as healthy', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'failed', '2025-09-18T02:14:58Z', FAILED_RUN_ERROR)],
      activitiesByRun: new Map([['r1', [inbound('a1', 'completed'), outbound('o1', 'failed')]]]),
    });

    expect(result.state).toBe('healthy');
    expect(result.blockingError).toBeNull();
    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-18T02:14:58.000Z');
  });
});

describe('industryDataStatus run order and running runs', () => {
  const runs = [
    run('r-1', '2025-09-17T02:10:00Z', 'completed'),
    run('r-3', '2025-09-18T02:10:00Z', 'running', null),
    run('r-2', '2025-09-17T14:10:00Z', 'completedWithWarnings'),
  ];

  it('sorts runs by start time, not by list order', () => {
    const result = evaluate({ runs });

    expect(result.runHistory?.map((entry) => entry.runId)).toEqual(['r-3', 'r-2', 'r-1']);
    expect(result.state).toBe('inProgress');
    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-17T15:45:00.000Z');
  });

  it('counts a flow finished inside a running run from the previous run end', () => {
    const result = evaluate({
      runs,
      activitiesByRun: new Map([
        ['r-3', [inbound('a3', 'completed'), outbound('o3', 'inProgress')]],
        ['r-2', [inbound('a2', 'completedWithWarnings')]],
        ['r-1', [inbound('a1', 'completed')]],
      ]),
    });

    expect(result.state).toBe('healthy');
    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-17T15:45:00.000Z');
    expect(result.lastActivity?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
  });

  it('limits the history to 14 runs, newest first', () => {
    const many = Array.from({ length: 20 }, (_, index) =>
      run(`r-${index}`, new Date(Date.UTC(2025, 8, 8, 2, 10) + index * 12 * 3_600_000).toISOString(), 'completed'),
    );

    const result = evaluate({ runs: many, now: new Date('2025-09-18T00:00:00Z') });

    expect(result.runHistory).toHaveLength(14);
    expect(result.runHistory?.[0]?.runId).toBe('r-19');
    expect(result.runHistory?.[13]?.runId).toBe('r-6');
  });

  it('leaves out a run with an invalid start time and says so', () => {
    const result = evaluate({
      runs: [run('r-good', '2025-09-18T02:10:00Z', 'completed'), run('r-bad', 'last Tuesday', 'failed', null)],
    });

    expect(result.state).toBe('healthy');
    expect(result.runHistory?.map((entry) => entry.runId)).toEqual(['r-good']);
    expect(result.notes).toContain('Run r-bad was left out because its startDateTime is invalid: "last Tuesday".');
  });
});

describe('industryDataStatus skipped activities', () => {
  it('looks past a skipped activity to the older run', () => {
    const result = evaluate({
      runs: [run('r-old', '2025-09-17T14:10:00Z', 'failed'), run('r-new', '2025-09-18T02:10:00Z', 'completed')],
      activitiesByRun: new Map([
        ['r-old', [inbound('a-old', 'failed', { error: FAILED_ACTIVITY_ERROR })]],
        ['r-new', [inbound('a-new', 'skipped')]],
      ]),
    });

    expect(result.state).toBe('failed');
    expect(result.blockingError?.code).toBe('MissingRequiredFile');
    expect(result.message).toBe('The newest run skipped this flow.');
    expect(result.lastActivity?.toISOString()).toBe('2025-09-17T14:10:00.000Z');
    expect(result.notes).toContain('The newest run skipped this flow, so the status comes from an older run.');
    expect(result.runHistory?.map((entry) => entry.state)).toEqual(['paused', 'failed']);
  });

  it('reports a flow skipped in every run as unknown', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'completed')],
      activitiesByRun: new Map([['r1', [inbound('a1', 'skipped')]]]),
    });

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('skipped in every run');
    expect(result.lastSuccessfulSync).toBeNull();
  });
});

describe('industryDataStatus unreadable activities', () => {
  const FALLBACK_NOTE = 'The status comes from the whole run, because its activity details could not be read';

  it('falls back to the run status when activities are forbidden', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'completedWithWarnings')],
      activitiesByRun: new Map([['r1', 'forbidden']]),
    });

    expect(result.state).toBe('warning');
    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-18T03:45:00.000Z');
    expect(result.notes).toEqual([`${FALLBACK_NOTE} (access was denied).`]);
    expect(result.runHistory?.[0]?.status).toBe('completedWithWarnings');
  });

  it('falls back when newest activities are missing', () => {
    const result = evaluate({
      runs: [run('r-old', '2025-09-17T14:10:00Z', 'completed'), run('r-new', '2025-09-18T02:10:00Z', 'failed', null, FAILED_RUN_ERROR)],
      activitiesByRun: new Map([['r-old', [inbound('a-old', 'completed')]]]),
    });

    expect(result.state).toBe('failed');
    expect(result.blockingError?.code).toBe('InboundFlowFailed');
    expect(result.notes).toEqual([`${FALLBACK_NOTE}.`]);
  });

  it('notes a last successful sync taken from the whole run', () => {
    const result = evaluate({
      runs: [run('r-old', '2025-09-17T14:10:00Z', 'completed'), run('r-new', '2025-09-18T02:10:00Z', 'failed')],
      activitiesByRun: new Map([['r-new', [inbound('a-new', 'failed')]]]),
    });

    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-17T15:45:00.000Z');
    expect(result.notes).toEqual([
      'The last successful sync comes from the whole run, because its activity details could not be read.',
    ]);
  });
});

describe('industryDataStatus runs without the flow', () => {
  it('skips runs that did not include the flow', () => {
    const result = evaluate({
      runs: [run('r-old', '2025-09-17T14:10:00Z', 'completedWithErrors'), run('r-new', '2025-09-18T02:10:00Z', 'failed')],
      activitiesByRun: new Map([
        ['r-old', [inbound('a-old', 'completedWithErrors')]],
        ['r-new', [inbound('a-other', 'failed', { name: OTHER_FLOW.displayName })]],
      ]),
    });

    expect(result.state).toBe('warning');
    expect(result.runHistory?.map((entry) => entry.runId)).toEqual(['r-old']);
    expect(result.lastActivity?.toISOString()).toBe('2025-09-17T14:10:00.000Z');
    expect(result.notes).toEqual(['The newest run did not include this flow.']);
  });

  it('reports a ready flow in no run as unknown', () => {
    const result = evaluate({
      runs: [run('r1', '2025-09-18T02:10:00Z', 'completed')],
      activitiesByRun: new Map([['r1', [outbound('o1', 'completed')]]]),
    });

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('not in any run');
    expect(result.runHistory).toEqual([]);
  });

  it('reports a ready flow without runs as unknown', () => {
    const result = evaluate();

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('no runs yet');
    expect(result.nextRunExpected).toBeNull();
    expect(result.lastSuccessfulSync).toBeNull();
    expect(result.message).toBeNull();
  });
});

describe('industryDataStatus flows sharing a name', () => {
  const runs = [run('r1', '2025-09-18T02:10:00Z', 'completedWithWarnings')];

  it('does not guess between two flows with one name', () => {
    const result = evaluate({
      allFlows: [FLOW, TWIN_FLOW],
      runs,
      activitiesByRun: new Map([['r1', [inbound('a1', 'failed'), outbound('o1', 'completed')]]]),
    });

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('activity not identified');
    expect(result.runHistory).toEqual([]);
    expect(result.notes).toEqual([
      'More than one flow is named "Lakeside CSV - AY 2026", and the run activities carry no link to their flow, ' +
        'so runs in which this flow cannot be identified are left out.',
    ]);
  });

  it('uses the expanded activity link for each flow', () => {
    const activitiesByRun = new Map([
      ['r1', [inbound('a-twin', 'failed', { linkTo: TWIN_FLOW }), inbound('a-main', 'completed', { linkTo: FLOW })]],
    ]);

    const main = evaluate({ allFlows: [FLOW, TWIN_FLOW], runs, activitiesByRun });
    const twin = evaluate({ flow: TWIN_FLOW, allFlows: [FLOW, TWIN_FLOW], runs, activitiesByRun });

    expect(main.state).toBe('healthy');
    expect(twin.state).toBe('failed');
    expect(main.notes).toEqual([]);
  });

  it('does not match by name an activity linked to another flow', () => {
    const result = evaluate({
      runs,
      activitiesByRun: new Map([['r1', [inbound('a-other', 'failed', { linkTo: OTHER_FLOW })]]]),
    });

    expect(result.stateDetail).toBe('not in any run');
  });

  it('matches by name an activity whose link is null', () => {
    const result = evaluate({
      runs,
      activitiesByRun: new Map([['r1', [inbound('a1', 'completedWithErrors', { linkTo: null })]]]),
    });

    expect(result.state).toBe('warning');
    expect(result.runHistory?.[0]?.status).toBe('completedWithErrors');
  });
});

describe('industryDataStatus readiness', () => {
  const healthyRun = { runs: [run('r1', '2025-09-18T02:10:00Z', 'completed')] };

  it.each([
    ['ready', 'healthy', null],
    ['expired', 'expired', null],
    ['disabled', 'paused', 'disabled'],
    ['notReady', 'inProgress', 'not ready'],
    ['failed', 'failed', 'flow readiness failed'],
    ['unknownFutureValue', 'unknown', 'unknownFutureValue'],
  ] as [string, SyncState, string | null][])('maps readiness %s to %s', (readinessStatus, state, detail) => {
    const result = evaluate({ ...healthyRun, flow: { ...FLOW, readinessStatus } });

    expect(result.state).toBe(state);
    expect(result.stateDetail).toBe(detail);
    expect(result.raw.readinessStatus).toBe(readinessStatus);
  });

  it('lets a failed run beat a disabled flow', () => {
    const result = evaluate({
      flow: { ...FLOW, readinessStatus: 'disabled' },
      runs: [run('r1', '2025-09-18T02:10:00Z', 'failed')],
    });

    expect(result.state).toBe('failed');
  });

  it('lets a warning beat a flow that is not ready', () => {
    const result = evaluate({
      flow: { ...FLOW, readinessStatus: 'notReady' },
      runs: [run('r1', '2025-09-18T02:10:00Z', 'completedWithWarnings')],
    });

    expect(result.state).toBe('warning');
  });

  it('does not report a flow that is not ready as missing from runs', () => {
    const result = evaluate({ flow: { ...FLOW, readinessStatus: 'disabled' } });

    expect(result.state).toBe('paused');
    expect(result.nextRunExpected).toBeNull();
  });
});

describe('industryDataStatus expiry', () => {
  const runs = [run('r1', '2025-09-18T02:10:00Z', 'completed')];

  it('flags an expiration within the warning window without changing the state', () => {
    const result = evaluate({ runs, flow: { ...FLOW, expirationDateTime: '2025-10-01T00:00:00Z' } });

    expect(result.state).toBe('healthy');
    expect(result.expiry).toEqual({ at: new Date('2025-10-01T00:00:00Z'), state: 'soon' });
  });

  it('marks a past expiration as expired even while the flow reads ready', () => {
    const result = evaluate({ runs, flow: { ...FLOW, expirationDateTime: '2025-09-01T00:00:00Z' } });

    expect(result.state).toBe('expired');
    expect(result.expiry?.state).toBe('expired');
    expect(result.nextRunExpected).toBeNull();
  });

  it('reports a distant expiration as later', () => {
    expect(evaluate({ runs }).expiry?.state).toBe('later');
  });

  it('has no expiry without an expiration time', () => {
    expect(evaluate({ runs, flow: { ...FLOW, expirationDateTime: null } }).expiry).toBeNull();
  });

  it('reports an invalid expiration time', () => {
    const result = evaluate({ runs, flow: { ...FLOW, expirationDateTime: 'end of June' } });

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid expirationDateTime');
    expect(result.notes).toContain('The flow\'s expirationDateTime is not a valid timestamp: "end of June".');
  });
});

describe('industryDataStatus schedule and overdue', () => {
  const scheduled = [
    run('s1', '2025-09-16T02:10:00Z', 'completed'),
    run('s2', '2025-09-16T14:10:00Z', 'completed'),
    run('s3', '2025-09-17T02:10:00Z', 'completed'),
    run('s4', '2025-09-17T14:10:00Z', 'completed'),
  ];

  it('is overdue 13 hours after the last scheduled run', () => {
    const result = evaluate({ runs: scheduled, now: new Date('2025-09-18T03:10:00Z') });

    expect(result.nextRunExpected?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
    expect(result.state).toBe('overdue');
    expect(result.stateDetail).toBe('scheduled run missing');
  });

  it('is not overdue within the grace period', () => {
    const result = evaluate({ runs: scheduled, now: new Date('2025-09-18T03:09:00Z') });

    expect(result.state).toBe('healthy');
  });

  it('is not overdue at a scheduled time skipped after an on-demand run', () => {
    const runs = [...scheduled.slice(0, 3), run('on-demand', '2025-09-17T09:32:05Z', 'completed')];

    const result = evaluate({ runs, now: new Date('2025-09-17T16:10:00Z') });

    expect(result.nextRunExpected?.toISOString()).toBe('2025-09-18T02:10:00.000Z');
    expect(result.state).toBe('healthy');
  });

  it('is overdue once the run after the skipped one is missing', () => {
    const runs = [...scheduled.slice(0, 3), run('on-demand', '2025-09-17T09:32:05Z', 'completed')];

    const result = evaluate({ runs, now: new Date('2025-09-18T03:10:00Z') });

    expect(result.state).toBe('overdue');
  });

  it('lets a failure beat overdue', () => {
    const runs = [...scheduled.slice(0, 3), run('s4', '2025-09-17T14:10:00Z', 'failed')];

    expect(evaluate({ runs, now: new Date('2025-09-18T06:00:00Z') }).state).toBe('failed');
  });

  it.each(['expired', 'disabled', 'notReady', 'failed'])('never marks a %s flow overdue', (readinessStatus) => {
    const result = evaluate({
      runs: scheduled,
      flow: { ...FLOW, readinessStatus },
      now: new Date('2025-09-20T00:00:00Z'),
    });

    expect(result.state).not.toBe('overdue');
    expect(result.nextRunExpected).toBeNull();
  });

  it('does not mark a flow overdue before its effective time', () => {
    const result = evaluate({
      runs: scheduled,
      flow: { ...FLOW, effectiveDateTime: '2025-09-25T00:00:00Z' },
      now: new Date('2025-09-20T00:00:00Z'),
    });

    expect(result.state).toBe('healthy');
  });
});

describe('industryDataStatus statistics', () => {
  const runs = [run('r-new', '2025-09-18T02:10:00Z', 'completedWithErrors'), run('r-running', '2025-09-18T04:00:00Z', 'running', null)];
  const activities = new Map<string, RunActivity[]>([
    ['r-new', [inbound('act-1', 'completedWithErrors'), outbound('o1', 'completedWithWarnings')]],
    ['r-running', [inbound('act-2', 'inProgress')]],
  ]);

  function statistics(activityId: string, overrides: Partial<RunStatistics> = {}): RunStatistics {
    return {
      runId: 'r-new',
      status: 'completedWithErrors',
      activityStatistics: [
        {
          '@odata.type': '#microsoft.graph.industryData.inboundActivityResults',
          activityId,
          displayName: FLOW.displayName,
          status: 'completedWithErrors',
          errors: 37,
          warnings: 112,
          matchedPeopleByRole: [
            { role: 'student', count: 1600 },
            { role: 'teacher', count: 140 },
          ],
          unmatchedPeopleByRole: [{ role: 'student', count: 68 }],
        },
      ],
      inboundTotals: { errors: 5, warnings: 6 },
      ...overrides,
    };
  }

  it('names the newest finished run that included the flow', () => {
    expect(statisticsRunId({ flow: FLOW, allFlows: [FLOW], runs, activitiesByRun: activities })).toBe('r-new');
  });

  it.each(['act-1', FLOW.id])('matches the entry by id %s', (activityId) => {
    const result = evaluate({ runs, activitiesByRun: activities, statistics: statistics(activityId) });

    expect(result.errorCount).toBe(37);
    expect(result.warningCount).toBe(112);
    expect(result.raw['matchedPeople.student']).toBe(1600);
    expect(result.raw['matchedPeople.teacher']).toBe(140);
    expect(result.raw['unmatchedPeople.student']).toBe(68);
  });

  it('matches the entry by a unique display name', () => {
    const result = evaluate({ runs, activitiesByRun: activities, statistics: statistics('unrelated-id') });

    expect(result.errorCount).toBe(37);
  });

  it('puts the error count in the detail', () => {
    const result = evaluate({
      runs: [run('r-new', '2025-09-18T02:10:00Z', 'completedWithErrors')],
      activitiesByRun: activities,
      statistics: statistics('act-1'),
    });

    expect(result.state).toBe('warning');
    expect(result.stateDetail).toBe('37 errors');
  });

  it('does not match a display name shared by two flows', () => {
    const result = evaluate({
      allFlows: [FLOW, TWIN_FLOW],
      runs,
      activitiesByRun: new Map([
        [
          'r-new',
          [inbound('act-1', 'completedWithErrors', { linkTo: FLOW }), inbound('act-2', 'completed', { linkTo: TWIN_FLOW })],
        ],
      ]),
      statistics: statistics('unrelated-id'),
    });

    expect(result.errorCount).toBeNull();
    expect(result.warningCount).toBeNull();
  });

  it('uses inbound totals for a sole inbound flow', () => {
    const result = evaluate({
      runs,
      activitiesByRun: activities,
      statistics: statistics('unrelated-id', { activityStatistics: [] }),
    });

    expect(result.errorCount).toBe(5);
    expect(result.warningCount).toBe(6);
  });

  it('ignores inbound totals when the run had two inbound flows', () => {
    const result = evaluate({
      runs,
      activitiesByRun: new Map([
        ['r-new', [inbound('act-1', 'completedWithErrors'), inbound('act-x', 'completed', { name: OTHER_FLOW.displayName })]],
      ]),
      statistics: statistics('unrelated-id', { activityStatistics: [] }),
    });

    expect(result.errorCount).toBeNull();
  });

  it('uses inbound totals without activities for the only flow', () => {
    const forbidden = new Map<string, RunActivity[] | 'forbidden'>([['r-new', 'forbidden']]);
    const input = { runs: [runs[0] as IndustryDataRun], activitiesByRun: forbidden, statistics: statistics('x', { activityStatistics: null }) };

    expect(evaluate({ ...input, allFlows: [FLOW] }).errorCount).toBe(5);
    expect(evaluate({ ...input, allFlows: [FLOW, OTHER_FLOW] }).errorCount).toBeNull();
  });

  it('ignores statistics of another run and says so', () => {
    const result = evaluate({ runs, activitiesByRun: activities, statistics: statistics('act-1', { runId: 'r-older' }) });

    expect(result.errorCount).toBeNull();
    expect(result.notes).toEqual([
      'Statistics were given for run r-older, but the newest finished run of this flow is r-new, so error and warning counts are not shown.',
    ]);
  });

  it('leaves counts empty without statistics', () => {
    const result = evaluate({ runs, activitiesByRun: activities });

    expect(result.errorCount).toBeNull();
    expect(result.warningCount).toBeNull();
  });
});

describe('industryDataStatus raw values', () => {
  it('keeps flow and newest run values', () => {
    const result = evaluateNewest('completedWithWarnings');

    expect(result.raw).toMatchObject({
      flowType: 'inboundFileFlow',
      readinessStatus: 'ready',
      dataDomain: 'educationRostering',
      expirationDateTime: '2026-06-30T00:00:00Z',
      newestRunId: 'r-new',
      newestRunStatus: 'completedWithWarnings',
      activityStatus: 'completedWithWarnings',
    });
  });
});

describe('industryDataStatus full timeline', () => {
  const timeline = [
    run('run-3', '2025-09-16T02:10:36.861942Z', 'failed', '2025-09-16T02:14:58.0031Z', FAILED_RUN_ERROR),
    run('run-8', '2025-09-18T14:10:37.2214056Z', 'running', null),
    run('run-1', '2025-09-15T02:10:40.1195384Z', 'completed', '2025-09-15T03:47:12.203Z'),
    run('run-7', '2025-09-18T02:10:44.905117Z', 'completedWithErrors', '2025-09-18T03:52:19.31Z'),
    run('run-6', '2025-09-17T09:32:05.7340982Z', 'completed', '2025-09-17T11:06:48.127Z'),
    run('run-5', '2025-09-17T02:10:39.5581703Z', 'completedWithWarnings', '2025-09-17T03:49:02.6645Z'),
    run('run-4', '2025-09-16T14:10:41.0086221Z', 'completedWithErrors', '2025-09-16T15:55:30.482Z'),
    run('run-2', '2025-09-15T14:10:42.3307719Z', 'completed', '2025-09-15T15:44:17.906Z'),
  ];
  const activitiesByRun = new Map<string, RunActivity[]>([
    ['run-8', [inbound('act-8', 'completed'), outbound('out-8', 'inProgress')]],
    ['run-7', [inbound('act-7', 'completedWithErrors', { linkTo: FLOW }), outbound('out-7', 'completedWithWarnings')]],
    ['run-3', [inbound('act-3', 'failed', { error: FAILED_ACTIVITY_ERROR }), outbound('out-3', 'skipped')]],
  ]);
  const statistics: RunStatistics = {
    runId: 'run-7',
    activityStatistics: [{ activityId: 'act-7', displayName: FLOW.displayName, errors: 37, warnings: 112 }],
    inboundTotals: { errors: 37, warnings: 112 },
  };
  const input = { runs: timeline, activitiesByRun, statistics, now: new Date('2025-09-18T14:30:00Z') };

  it('reads the flow state from the running run', () => {
    const result = evaluate(input);

    expect(result.state).toBe('healthy');
    expect(result.lastActivity?.toISOString()).toBe('2025-09-18T14:10:37.221Z');
    expect(result.lastSuccessfulSync?.toISOString()).toBe('2025-09-18T03:52:19.310Z');
    expect(result.errorCount).toBe(37);
    expect(result.warningCount).toBe(112);
    expect(result.notes).toEqual([]);
  });

  it('mixes activity and run statuses in the history', () => {
    const result = evaluate(input);

    expect(result.runHistory?.map((entry) => entry.status)).toEqual([
      'completed',
      'completedWithErrors',
      'completed',
      'completedWithWarnings',
      'completedWithErrors',
      'failed',
      'completed',
      'completed',
    ]);
    expect(result.runHistory?.[5]?.end?.toISOString()).toBe('2025-09-16T02:14:58.003Z');
  });

  it('expects the next scheduled run the next night', () => {
    const result = evaluate(input);
    const expected = new Date('2025-09-19T02:10:40Z').getTime();

    expect(Math.abs((result.nextRunExpected?.getTime() ?? 0) - expected)).toBeLessThan(5_000);
    expect(statisticsRunId({ flow: FLOW, allFlows: [FLOW, OTHER_FLOW], runs: timeline, activitiesByRun })).toBe('run-7');
  });

  it('turns overdue when the next night passes without a run', () => {
    const result = evaluate({ ...input, now: new Date('2025-09-19T03:30:00Z') });

    expect(result.state).toBe('overdue');
  });
});
