// The simulated School Data Sync tenant behind the Industry Data endpoints: its inbound flows and
// the runs that the emulator clock starts. All times are milliseconds since the epoch.
//
// Runs are created lazily. `advance(now)` decides every scheduled slot that has come due since the
// previous call, using the settings in force during that interval. Callers therefore call
// `advance(now)` before reading and before changing a setting, so that a change applies only to
// slots from that moment on.

import { createHash } from 'node:crypto';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// Industry Data starts a run every 12 hours. The times of day (02:10 and 14:10 UTC) are invented.
export const RUN_INTERVAL_MS = 12 * HOUR_MS;
const SCHEDULE_OFFSET_MS = 2 * HOUR_MS + 10 * MINUTE_MS;

// The runs/start documentation: an on-demand run skips the next scheduled run when that run is due
// within the next 10 hours.
export const ON_DEMAND_SKIP_WINDOW_MS = 10 * HOUR_MS;

// NOTE: Graph calls runs ephemeral but documents no retention, so 30 days is a guess.
export const RUN_RETENTION_MS = 30 * DAY_MS;

export const READINESS_STATUSES = ['notReady', 'ready', 'failed', 'disabled', 'expired', 'unknownFutureValue'];
export const RUN_OUTCOMES = ['completed', 'completedWithWarnings', 'completedWithErrors', 'failed', 'unknownFutureValue'];
export const ACTIVITY_OUTCOMES = [
  'completed',
  'completedWithWarnings',
  'completedWithErrors',
  'failed',
  'skipped',
  'unknownFutureValue',
];

const ROLES = ['student', 'teacher', 'administrator'];

// Inbound flows of the story. Days are relative to t0. An effective time is a creation-like instant.
// An expiration is midnight UTC, written without fractional seconds as in the Graph examples.
const FLOW_IDS = {
  district: '3f6b9e21-c7d4-4a85-d2b9-08dd9c41e7a2',
  oneRoster: 'b8e04c7a-15f3-4d6e-e417-08dda2f05c13',
  summerAcademy: '6d1a7f3e-92b8-4c07-a6c5-08ddb1e47d09',
  districtLastYear: '0c94e2b5-7a61-4f3d-fb28-08dcc6d3a85e',
  oneRosterNextYear: 'e27f5a98-3b0c-4e16-c9d4-08dde0b7192f',
  oneRosterPilot: '91c3d6f4-e5a2-4b78-b063-08ddbd5a24e8',
  adultEducation: '5ae8b1c0-4d97-4f2a-e8f1-08dd71c9b3d6',
};

export const STORY_FLOW_IDS = Object.freeze({ ...FLOW_IDS });

const STORY_FLOWS = [
  {
    id: FLOW_IDS.district,
    type: 'inboundFileFlow',
    displayName: 'Fabrikam Unified School District - SDS CSV',
    readinessStatus: 'ready',
    effectiveDays: -75,
    expirationDays: 260,
    population: { people: 14_830, groups: 1_962, memberships: 50_215, organizations: 11, closedOrganizations: 1 },
  },
  {
    id: FLOW_IDS.oneRoster,
    type: 'inboundApiFlow',
    displayName: 'Contoso SIS OneRoster 1.2',
    readinessStatus: 'ready',
    effectiveDays: -45,
    expirationDays: 260,
    population: { people: 6_214, groups: 781, memberships: 21_407, organizations: 5, closedOrganizations: 0 },
  },
  {
    id: FLOW_IDS.summerAcademy,
    type: 'inboundFileFlow',
    displayName: 'Fabrikam Summer Academy - SDS CSV',
    readinessStatus: 'ready',
    effectiveDays: -50,
    expirationDays: 18,
    population: { people: 923, groups: 141, memberships: 3_088, organizations: 2, closedOrganizations: 0 },
  },
  {
    // Last academic year's flow has the district flow's name, and it expired when that one began.
    id: FLOW_IDS.districtLastYear,
    type: 'inboundFileFlow',
    displayName: 'Fabrikam Unified School District - SDS CSV',
    readinessStatus: 'expired',
    effectiveDays: -440,
    expirationDays: -75,
    population: { people: 14_390, groups: 1_907, memberships: 48_876, organizations: 11, closedOrganizations: 0 },
  },
  {
    id: FLOW_IDS.oneRosterNextYear,
    type: 'inboundApiFlow',
    displayName: 'Contoso SIS OneRoster 1.2 - next academic year',
    readinessStatus: 'notReady',
    effectiveDays: 110,
    expirationDays: 475,
    population: { people: 6_300, groups: 790, memberships: 21_700, organizations: 5, closedOrganizations: 0 },
  },
  {
    id: FLOW_IDS.oneRosterPilot,
    type: 'inboundApiFlow',
    displayName: 'Contoso SIS OneRoster 1.1 - pilot',
    readinessStatus: 'failed',
    effectiveDays: -30,
    expirationDays: 260,
    population: { people: 410, groups: 52, memberships: 1_390, organizations: 1, closedOrganizations: 0 },
  },
  {
    id: FLOW_IDS.adultEducation,
    type: 'inboundFileFlow',
    displayName: 'Fabrikam Adult Education - SDS CSV',
    readinessStatus: 'disabled',
    effectiveDays: -200,
    expirationDays: 260,
    population: { people: 1_250, groups: 96, memberships: 2_870, organizations: 1, closedOrganizations: 0 },
  },
];

const OUTBOUND_ACTIVITY_NAMES = [
  'Fabrikam Microsoft 365 provisioning - Users',
  'Fabrikam Microsoft 365 provisioning - Class groups',
];

// History before t0. Slot 0 is the latest scheduled slot at least a minute before t0, slot -1 the
// one 12 hours earlier, and so on. Slots not listed complete without errors or warnings. The
// on-demand run skips slot -6 through the 10-hour rule, not through this table.
const HISTORY_FIRST_SLOT = -19;
const HISTORY_OUTCOMES = new Map([
  [-16, { status: 'completedWithWarnings' }],
  [-13, { status: 'completedWithErrors' }],
  [-10, { status: 'completedWithWarnings' }],
  [-7, { status: 'completedWithErrors', activities: { [FLOW_IDS.oneRoster]: 'completedWithErrors' } }],
  [-5, { status: 'completedWithWarnings', activities: { [FLOW_IDS.summerAcademy]: 'completedWithWarnings' } }],
  [-4, { status: 'failed' }],
  [-2, { status: 'completedWithErrors' }],
  // The OneRoster flow fails while the run as a whole ends with warnings.
  [0, { status: 'completedWithWarnings', activities: { [FLOW_IDS.oneRoster]: 'failed' } }],
]);
const HISTORY_ON_DEMAND_RUNS = [
  { afterSlot: -7, delayMs: 7 * HOUR_MS + 22 * MINUTE_MS + 5_734, outcome: { status: 'completed' } },
];

const ACTIVITY_STATUS_FOR_RUN = {
  completed: 'completed',
  completedWithWarnings: 'completedWithWarnings',
  completedWithErrors: 'completedWithErrors',
  failed: 'failed',
  unknownFutureValue: 'unknownFutureValue',
};

/**
 * Creates the tenant at `t0` with the story's flows and about 10 days of runs.
 */
export function createIndustryDataTenant(t0) {
  const flows = STORY_FLOWS.map((definition) => buildStoryFlow(definition, t0));
  const runs = [];
  const runsById = new Map();
  const plannedOutcomes = new Map();
  const skippedSlots = new Set();
  let extraFlowCount = 0;
  let pause = null;
  let pendingOutcome = null;
  let empty = false;
  let onDemandCount = 0;

  const newestHistorySlot = latestSlotAtOrBefore(t0 - MINUTE_MS);
  let nextSlotMs = newestHistorySlot + HISTORY_FIRST_SLOT * RUN_INTERVAL_MS;

  function isFlowActive(flow, atMs) {
    return readinessAt(flow, atMs) === 'ready' && flow.effectiveMs <= atMs;
  }

  function addRun(run) {
    const index = runs.findIndex((existing) => existing.startMs > run.startMs);
    runs.splice(index === -1 ? runs.length : index, 0, run);
    runsById.set(run.id.toLowerCase(), run);
  }

  function takePendingOutcome() {
    const outcome = pendingOutcome ?? { status: 'completed' };
    pendingOutcome = null;
    return outcome;
  }

  function decideSlot(slotMs) {
    if (skippedSlots.delete(slotMs)) return;
    if (pause && slotMs >= pause.fromMs && slotMs < pause.untilMs) return;
    if (empty) return;

    const random = createRandom(`scheduled run ${slotMs}`);
    // Scheduled runs start 30 to 55 seconds after the slot.
    const startMs = slotMs + Math.floor(30_000 + random() * 25_000);
    const activeFlows = flows.filter((flow) => isFlowActive(flow, startMs));
    // A slot with no ready flow starts no run, which Graph does not document.
    if (activeFlows.length === 0) return;

    const outcome = plannedOutcomes.get(slotMs) ?? takePendingOutcome();
    addRun(buildRun({ seed: `scheduled run ${slotMs}`, kind: 'scheduled', startMs, outcome, activeFlows }));
  }

  function advance(now) {
    while (nextSlotMs <= now) {
      decideSlot(nextSlotMs);
      nextSlotMs += RUN_INTERVAL_MS;
    }

    const oldestKeptMs = now - RUN_RETENTION_MS;
    while (runs.length > 0 && runs[0].startMs < oldestKeptMs) {
      runsById.delete(runs.shift().id.toLowerCase());
    }
  }

  /**
   * Starts an on-demand run at `now` and skips the next scheduled slot when it is due within
   * 10 hours. The run takes `plannedOutcome`, else the pending outcome. Returns the run and the
   * skipped slot (or null), or `{ error }` when the tenant is empty or no flow is ready.
   */
  function startOnDemandRun(now, plannedOutcome = null) {
    advance(now);
    if (empty) {
      return { error: 'The tenant is empty, so an on-demand run has nothing to run. Send empty with value false first.' };
    }
    const activeFlows = flows.filter((flow) => isFlowActive(flow, now));
    if (activeFlows.length === 0) {
      return { error: 'No inbound flow is ready, so an on-demand run has nothing to run. Set a flow to ready with set-flow first.' };
    }

    let skippedSlotMs = null;
    if (nextSlotMs - now <= ON_DEMAND_SKIP_WINDOW_MS) {
      skippedSlotMs = nextSlotMs;
      skippedSlots.add(nextSlotMs);
    }

    onDemandCount += 1;
    const outcome = plannedOutcome ?? takePendingOutcome();
    const seed = `on-demand run ${now} ${onDemandCount}`;
    const run = buildRun({ seed, kind: 'onDemand', startMs: now, outcome, activeFlows });
    addRun(run);
    return { run, skippedSlotMs };
  }

  function buildHistory() {
    for (const [slot, outcome] of HISTORY_OUTCOMES) {
      plannedOutcomes.set(newestHistorySlot + slot * RUN_INTERVAL_MS, outcome);
    }
    for (const { afterSlot, delayMs, outcome } of HISTORY_ON_DEMAND_RUNS) {
      startOnDemandRun(newestHistorySlot + afterSlot * RUN_INTERVAL_MS + delayMs, outcome);
    }
    advance(t0);
    plannedOutcomes.clear();
  }

  /** Returns the slot of the next scheduled run that will start, or null when none will. */
  function nextScheduledSlot(now) {
    if (empty || !flows.some((flow) => isFlowActive(flow, now))) return null;

    let slotMs = nextSlotMs;
    while (skippedSlots.has(slotMs) || (pause && slotMs >= pause.fromMs && slotMs < pause.untilMs)) {
      slotMs += RUN_INTERVAL_MS;
    }
    return slotMs;
  }

  buildHistory();

  return {
    t0,
    advance,
    startOnDemandRun,
    readinessAt,

    /** Returns the flows in list order, or none while the tenant is empty. */
    listFlows() {
      return empty ? [] : flows;
    },

    findFlow(id) {
      if (empty) return null;
      return flows.find((flow) => flow.id.toLowerCase() === String(id).toLowerCase()) ?? null;
    },

    /** Returns the runs that have started by `now`, newest first. */
    listRuns(now) {
      if (empty) return [];
      return runs.filter((run) => run.startMs <= now).reverse();
    },

    findRun(id, now) {
      const run = empty ? null : runsById.get(String(id).toLowerCase());
      return run && run.startMs <= now ? run : null;
    },

    /** Stops scheduled runs from starting in the next `hours` hours. A new pause replaces the old one. */
    pauseRuns(now, hours) {
      advance(now);
      pause = { fromMs: now, untilMs: now + hours * HOUR_MS };
    },

    resumeRuns(now) {
      advance(now);
      pause = null;
    },

    /** Sets the outcome of the next run that starts: `{ status, activities: { flowId: status } }`. */
    setNextOutcome(now, outcome) {
      advance(now);
      pendingOutcome = outcome;
    },

    /** Applies `changes` (readinessStatus, expirationDateTime as `{ ms, text }`, displayName) to a flow. */
    updateFlow(now, flow, changes) {
      advance(now);
      if (changes.readinessStatus !== undefined) flow.readinessStatus = changes.readinessStatus;
      if (changes.expiration !== undefined) {
        flow.expirationMs = changes.expiration.ms;
        flow.expirationText = changes.expiration.text;
      }
      if (changes.displayName !== undefined) flow.displayName = changes.displayName;
    },

    /** Keeps exactly `count` generated ready flows after the story's flows. */
    setExtraFlowCount(now, count) {
      advance(now);
      flows.splice(STORY_FLOWS.length + Math.min(count, extraFlowCount));
      for (let index = extraFlowCount + 1; index <= count; index += 1) {
        flows.push(buildExtraFlow(index, now));
      }
      extraFlowCount = count;
    },

    setEmpty(now, value) {
      advance(now);
      empty = value;
    },

    /** Returns the settings and the schedule as plain values, for tests and for the control API. */
    summarize(now) {
      advance(now);
      const visibleRuns = empty ? [] : runs.filter((run) => run.startMs <= now);
      const newestRun = visibleRuns.at(-1) ?? null;
      const nextSlot = nextScheduledSlot(now);
      const isPaused = pause !== null && pause.untilMs > now;
      return {
        t0: formatInstant(t0),
        now: formatInstant(now),
        empty,
        flows: (empty ? [] : flows).map((flow) => ({
          id: flow.id,
          type: flow.type,
          displayName: flow.displayName,
          readinessStatus: readinessAt(flow, now),
          expirationDateTime: flow.expirationText,
        })),
        extraFlowCount,
        runCount: visibleRuns.length,
        newestRun: newestRun && { id: newestRun.id, kind: newestRun.kind, startDateTime: newestRun.startText },
        nextScheduledRun: nextSlot === null ? null : formatInstant(nextSlot),
        paused: isPaused ? { from: formatInstant(pause.fromMs), until: formatInstant(pause.untilMs) } : null,
        pendingOutcome,
      };
    },
  };
}

/**
 * Returns a flow's readiness at `atMs`. A ready flow whose expirationDateTime has passed reads as
 * expired, which is a guess at what Graph does.
 */
export function readinessAt(flow, atMs) {
  if (flow.readinessStatus === 'ready' && flow.expirationMs <= atMs) return 'expired';
  return flow.readinessStatus;
}

/** Returns whether a run or an activity has reached its final status at `now`. */
export function isFinished(item, now) {
  return now >= item.endMs;
}

function buildStoryFlow(definition, t0) {
  const random = createRandom(`flow ${definition.id}`);
  // Flows were created during office hours on their effective day.
  const effectiveMs = midnightUtc(t0 + definition.effectiveDays * DAY_MS) + Math.floor((8 + random() * 9) * HOUR_MS);
  const expirationMs = midnightUtc(t0 + definition.expirationDays * DAY_MS);
  return {
    id: definition.id,
    type: definition.type,
    displayName: definition.displayName,
    readinessStatus: definition.readinessStatus,
    effectiveMs,
    effectiveText: formatInstant(effectiveMs, drawSubMillisecondDigits(random, effectiveMs)),
    expirationMs,
    expirationText: formatInstant(expirationMs),
    population: definition.population,
  };
}

function buildExtraFlow(index, now) {
  const random = createRandom(`extra flow ${index}`);
  const isApi = index % 2 === 0;
  const effectiveMs = midnightUtc(now - 20 * DAY_MS) + Math.floor((8 + random() * 9) * HOUR_MS);
  const expirationMs = midnightUtc(now + 300 * DAY_MS);
  const people = Math.floor(200 + random() * 3800);
  return {
    id: sequentialStyleGuid(`extra flow ${index}`, index),
    type: isApi ? 'inboundApiFlow' : 'inboundFileFlow',
    displayName: `Contoso Campus ${String(index).padStart(4, '0')} - ${isApi ? 'OneRoster 1.2' : 'SDS CSV'}`,
    readinessStatus: 'ready',
    effectiveMs,
    effectiveText: formatInstant(effectiveMs, drawSubMillisecondDigits(random, effectiveMs)),
    expirationMs,
    expirationText: formatInstant(expirationMs),
    population: {
      people,
      groups: Math.round(people / 8),
      memberships: Math.round(people * 3.4),
      organizations: 1 + Math.floor(random() * 3),
      closedOrganizations: 0,
    },
  };
}

/**
 * Builds a run with its final state and the time each activity reaches it. Views of the run at an
 * earlier time show `running` and `inProgress` instead.
 */
function buildRun({ seed, kind, startMs, outcome, activeFlows }) {
  const random = createRandom(seed);
  const failed = outcome.status === 'failed';
  // Runs take about 90 minutes. A failed run stops at the failure, a few minutes in.
  const durationMs = failed
    ? Math.floor((3 + random() * 3) * MINUTE_MS)
    : Math.floor((84 + random() * 15) * MINUTE_MS);
  const endMs = startMs + durationMs;
  const statuses = resolveInboundStatuses(outcome, activeFlows);

  const inbound = activeFlows.map((flow, index) => {
    const status = statuses.get(flow.id);
    return {
      id: guidFromText(`${seed} inbound ${flow.id}`),
      type: 'inboundFlowActivity',
      flowId: flow.id,
      displayName: flow.displayName,
      status,
      endMs: inboundEndMs({ status, failed, startMs, durationMs, index, count: activeFlows.length, random }),
      blockingError: status === 'failed' ? buildActivityFailure(flow) : null,
      counts: buildCounts(flow.population, status, random),
    };
  });

  const outbound = OUTBOUND_ACTIVITY_NAMES.map((displayName, index) => ({
    id: guidFromText(`${seed} outbound ${index}`),
    type: 'outboundFlowActivity',
    flowId: null,
    displayName,
    status: outboundStatus(outcome.status, index),
    endMs,
    blockingError: null,
    counts: null,
  }));

  const failedFlow = activeFlows.find((flow) => statuses.get(flow.id) === 'failed');
  const startText = formatInstant(startMs, drawSubMillisecondDigits(random, startMs));
  return {
    id: guidFromText(seed),
    kind,
    displayName: `Run ${startText.slice(0, 10)} ${startText.slice(11, 16)} UTC`,
    startMs,
    startText,
    endMs,
    endText: formatInstant(endMs, drawSubMillisecondDigits(random, endMs)),
    status: outcome.status,
    blockingError: failed ? buildRunFailure(failedFlow ?? activeFlows[0]) : null,
    activities: [...inbound, ...outbound],
  };
}

/**
 * Resolves the final status of each inbound activity. Flows named in `outcome.activities` get their
 * status. When no activity then carries the run's own outcome, the first other flow does. The
 * rest complete, or are skipped when the run fails.
 */
function resolveInboundStatuses(outcome, activeFlows) {
  const statuses = new Map();
  for (const flow of activeFlows) {
    const requested = outcome.activities?.[flow.id];
    if (requested) statuses.set(flow.id, requested);
  }

  const expected = ACTIVITY_STATUS_FOR_RUN[outcome.status];
  if (expected !== 'completed' && ![...statuses.values()].includes(expected)) {
    const carrier = activeFlows.find((flow) => !statuses.has(flow.id));
    if (carrier) statuses.set(carrier.id, expected);
  }

  for (const flow of activeFlows) {
    if (!statuses.has(flow.id)) statuses.set(flow.id, outcome.status === 'failed' ? 'skipped' : 'completed');
  }
  return statuses;
}

function inboundEndMs({ status, failed, startMs, durationMs, index, count, random }) {
  // In a failed run the failure ends the run, and the activities not yet done are skipped then.
  if (failed && (status === 'failed' || status === 'skipped')) return startMs + durationMs;
  if (status === 'failed') return startMs + Math.floor(durationMs * (0.08 + random() * 0.07));
  // Inbound activities finish in the first two thirds of a run, and outbound ones with the run.
  return startMs + Math.floor(durationMs * (0.3 + (0.3 * index) / count));
}

function outboundStatus(runStatus, index) {
  if (runStatus === 'failed') return 'skipped';
  const isUsers = index === 0;
  if (isUsers && (runStatus === 'completedWithWarnings' || runStatus === 'completedWithErrors')) {
    return 'completedWithWarnings';
  }
  return 'completed';
}

/**
 * Builds the record counts of one inbound activity: metric totals equal active + inactive, and the
 * matched plus unmatched people by role add up to the active people. Skipped activities have none,
 * failed ones have zeros.
 */
function buildCounts(population, status, random) {
  if (status === 'skipped') return null;
  if (status === 'failed') {
    const zero = { active: 0, inactive: 0, total: 0 };
    return {
      errors: 0,
      warnings: 0,
      people: zero,
      groups: zero,
      memberships: zero,
      organizations: zero,
      matchedPeopleByRole: [],
      unmatchedPeopleByRole: [],
    };
  }

  const scale = 1 + (random() - 0.5) * 0.02;
  const people = Math.round(population.people * scale);
  const groups = Math.round(population.groups * scale);
  const memberships = Math.round(population.memberships * scale);
  const { matched, unmatched } = splitPeopleByRole(people, random);
  const hasErrors = status === 'completedWithErrors';
  const hasWarnings = hasErrors || status === 'completedWithWarnings';

  return {
    errors: hasErrors ? 3 + Math.floor(random() * 58) : 0,
    warnings: hasWarnings ? 5 + Math.floor(random() * 146) : 0,
    people: metric(people, Math.round(people * (0.012 + random() * 0.01))),
    groups: metric(groups, Math.round(groups * (0.02 + random() * 0.01))),
    memberships: metric(memberships, Math.round(memberships * (0.025 + random() * 0.01))),
    organizations: metric(population.organizations, population.closedOrganizations),
    matchedPeopleByRole: matched,
    unmatchedPeopleByRole: unmatched,
  };
}

function metric(active, inactive) {
  return { active, inactive, total: active + inactive };
}

function splitPeopleByRole(people, random) {
  const students = Math.round(people * 0.875);
  const teachers = Math.round(people * 0.1);
  const totals = [students, teachers, people - students - teachers];
  const unmatchedRates = [0.03 + random() * 0.02, 0.01 + random() * 0.02, 0.02 + random() * 0.03];

  const matched = [];
  const unmatched = [];
  ROLES.forEach((role, index) => {
    const unmatchedCount = Math.round(totals[index] * unmatchedRates[index]);
    matched.push({ count: totals[index] - unmatchedCount, role });
    unmatched.push({ count: unmatchedCount, role });
  });
  return { matched, unmatched };
}

// The codes, messages and targets of these publicError bodies are invented.
function buildActivityFailure(flow) {
  if (flow.type === 'inboundApiFlow') {
    return {
      code: 'SourceSystemAuthenticationFailed',
      message: `The OneRoster API of '${flow.displayName}' rejected the client credentials with 401 Unauthorized.`,
      target: 'credential',
      details: [{ code: 'Unauthorized', message: 'The token endpoint returned 401.', target: 'tokenUrl' }],
      innerError: null,
    };
  }
  return {
    code: 'RequiredFileMissing',
    message: `The latest upload for '${flow.displayName}' has no enrollments.csv, which every upload must contain.`,
    target: 'enrollments.csv',
    details: [{ code: 'FileNotFound', message: 'enrollments.csv', target: 'uploadSession' }],
    innerError: null,
  };
}

function buildRunFailure(flow) {
  return {
    code: 'InboundActivityFailed',
    message: `The run was canceled because the inbound flow '${flow.displayName}' failed. The activity's blockingError has the cause.`,
    target: flow.displayName,
    details: [],
    innerError: null,
  };
}

/** Returns the scheduled slot at or before `ms`: 02:10 or 14:10 UTC. */
export function latestSlotAtOrBefore(ms) {
  return Math.floor((ms - SCHEDULE_OFFSET_MS) / RUN_INTERVAL_MS) * RUN_INTERVAL_MS + SCHEDULE_OFFSET_MS;
}

function midnightUtc(ms) {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Formats an instant as Graph writes DateTimeOffset: the milliseconds, then `subMillisecondDigits`
 * (up to 4, for .NET's 100-nanosecond ticks), with trailing zeros trimmed and `Z`.
 */
export function formatInstant(ms, subMillisecondDigits = '') {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${subMillisecondDigits}`.replace(/0+$/, '');
  return fraction === '' ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 19)}.${fraction}Z`;
}

/**
 * Draws 0 to 4 digits below the millisecond that end in a non-zero digit, so that the trimmed
 * fraction of `ms` keeps 3 to 7 digits.
 */
function drawSubMillisecondDigits(random, ms) {
  let length = Math.floor(random() * 5);
  if (length === 0 && ms % 10 === 0) length = 1;
  if (length === 0) return '';

  let digits = '';
  for (let index = 1; index < length; index += 1) digits += String(Math.floor(random() * 10));
  return digits + String(1 + Math.floor(random() * 9));
}

/**
 * Parses a DateTimeOffset in UTC with 0 to 7 fractional digits and `Z`, or returns null when the
 * text is not one or names a day that does not exist.
 */
export function parseInstant(text) {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/.exec(String(text));
  if (!match) return null;

  const milliseconds = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const ms = Date.parse(`${match[1]}.${milliseconds}Z`);
  // Date.parse rolls an impossible day such as February 30 over into the next month.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== match[1]) return null;
  return ms;
}

/**
 * Returns a deterministic generator of numbers in [0, 1) for `seed`, so that the same run or flow
 * gets the same values after every reset.
 */
function createRandom(seed) {
  let block = 0;
  let values = [];
  return () => {
    if (values.length === 0) {
      const digest = createHash('sha256').update(`${seed}#${block}`).digest();
      block += 1;
      for (let offset = 0; offset < digest.length; offset += 4) values.push(digest.readUInt32LE(offset) / 2 ** 32);
    }
    return values.shift();
  };
}

/** Derives a version 4 GUID from `text`, as Graph uses for run and activity ids. */
function guidFromText(text) {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Derives a GUID in the style of the flow ids in Graph's examples, which look like SQL Server
 * sequential GUIDs: the last group starts with 08d and ends in a counter.
 */
function sequentialStyleGuid(text, counter) {
  const hex = createHash('sha256').update(text).digest('hex');
  const tail = counter.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-08de${tail}`;
}
