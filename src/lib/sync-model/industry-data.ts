/**
 * Adapter for the new SDS: the status of one inbound flow from the Industry Data runs, the
 * flow's activity in each run, and the statistics of its newest finished run.
 */

import { readFlowWindow, flowRawValues } from './industry-data-flow';
import {
  flowRunOutcomes,
  isIncluded,
  sortRunsNewestFirst,
  type ActivitiesByRun,
  type FlowRunOutcome,
  type IncludedOutcome,
} from './industry-data-runs';
import { expectedNextRun, isOverdue } from './industry-data-schedule';
import {
  historyState,
  isFinishedStatus,
  outcomeFactor,
  readinessFactors,
  SKIPPED,
  toBlockingError,
} from './industry-data-states';
import { readFlowCounts } from './industry-data-statistics';
import type { InboundFlow, IndustryDataRun, RunStatistics } from './industry-data-types';
import { outcomeNotes, outcomeMessage } from './industry-data-wording';
import { worstFactor, type StateFactor } from './state-factors';
import type { BlockingError, SyncStatus } from './status';

/** Runs shown in the history strip, as many as the SDS sync health page shows. */
const HISTORY_LENGTH = 14;

export interface IndustryDataInput {
  flow: InboundFlow;
  /** Every inbound flow of the tenant, used to tell whether a display name is unique. */
  allFlows: InboundFlow[];
  runs: IndustryDataRun[];
  /** Activities by run id. The value is `'forbidden'` when reading was denied, and absent when not read. */
  activitiesByRun: ActivitiesByRun;
  /** Statistics of the run that `statisticsRunId` names. */
  statistics: RunStatistics | undefined;
  now: Date;
  settings: { overdueGraceMinutes: number; expiryWarningDays: number };
}

/** Builds the card status of one inbound flow. */
export function industryDataStatus(input: IndustryDataInput): SyncStatus {
  const { flow, allFlows, now, settings } = input;
  const notes: string[] = [];
  const runs = sortRunsNewestFirst(input.runs, notes);
  const outcomes = flowRunOutcomes(flow, allFlows, runs, input.activitiesByRun);
  const included = outcomes.filter(isIncluded);
  const window = readFlowWindow(flow, now, settings.expiryWarningDays, notes);
  const active = flow.readinessStatus === 'ready' && window.open;

  const newest = included[0];
  const decisive = included.find((outcome) => outcome.status !== SKIPPED);
  const lastSuccess = included.find((outcome) => isFinishedStatus(outcome.status) && outcome.parsed.end !== null);
  const statisticsOutcome = newestFinished(included);
  const counts = readFlowCounts({ statistics: input.statistics, outcome: statisticsOutcome, flow, allFlows }, notes);
  const nextRunExpected = active ? expectedNextRun(runs.map((parsed) => parsed.start)) : null;

  const factors: StateFactor[] = [...readinessFactors(flow.readinessStatus), ...window.factors];
  if (decisive !== undefined) {
    factors.push(decisiveFactor(decisive, decisive === statisticsOutcome ? counts.errorCount : null));
  } else if (active) {
    factors.push({ state: 'unknown', detail: noRunDetail(outcomes) });
  }
  if (active && isOverdue(nextRunExpected, now, settings.overdueGraceMinutes)) {
    factors.push({ state: 'overdue', detail: 'scheduled run missing' });
  }
  const worst = worstFactor(factors);

  notes.push(...outcomeNotes({ outcomes, decisive, lastSuccess, active, flowName: flow.displayName }));
  const newestError = newest === undefined ? null : blockingErrorOf(newest);
  return {
    state: worst.state,
    stateDetail: worst.detail,
    lastSuccessfulSync: lastSuccess?.parsed.end ?? null,
    lastActivity: decisive?.parsed.start ?? null,
    errorCount: counts.errorCount,
    warningCount: counts.warningCount,
    message: newest === undefined ? null : outcomeMessage(newest.status, newestError),
    blockingError: decisive !== undefined && decisive.status === 'failed' ? blockingErrorOf(decisive) : null,
    notes,
    raw: {
      ...flowRawValues(flow),
      newestRunId: newest?.parsed.run.id ?? null,
      newestRunStatus: newest?.parsed.run.status ?? null,
      activityStatus: newest?.kind === 'activity' ? newest.status : null,
      statisticsRunId: input.statistics?.runId ?? null,
      ...counts.raw,
    },
    expiry: window.expiry,
    runHistory: included.slice(0, HISTORY_LENGTH).map((outcome) => ({
      runId: outcome.parsed.run.id,
      start: outcome.parsed.start,
      end: outcome.parsed.end,
      status: outcome.status,
      state: historyState(outcome.status),
    })),
    nextRunExpected,
  };
}

/**
 * Returns the id of the run whose statistics `industryDataStatus` reads for `flow`: the
 * newest finished run that included it. Undefined when there is none.
 */
export function statisticsRunId(
  input: Pick<IndustryDataInput, 'flow' | 'allFlows' | 'runs' | 'activitiesByRun'>,
): string | undefined {
  const runs = sortRunsNewestFirst(input.runs, []);
  const outcomes = flowRunOutcomes(input.flow, input.allFlows, runs, input.activitiesByRun);
  return newestFinished(outcomes.filter(isIncluded))?.parsed.run.id;
}

function newestFinished(included: readonly IncludedOutcome[]): IncludedOutcome | undefined {
  return included.find((outcome) => outcome.parsed.end !== null && outcome.status !== SKIPPED);
}

function decisiveFactor(outcome: IncludedOutcome, errorCount: number | null): StateFactor {
  const factor = outcomeFactor(outcome.status);
  if (outcome.status === 'completedWithErrors' && errorCount !== null) {
    return { state: factor.state, detail: errorCount === 1 ? '1 error' : `${errorCount} errors` };
  }
  return factor;
}

/** Prefers the activity's own error over the run's, because it names the flow's problem. */
function blockingErrorOf(outcome: IncludedOutcome): BlockingError | null {
  const activityError = outcome.kind === 'activity' ? toBlockingError(outcome.activity.blockingError) : null;
  return activityError ?? toBlockingError(outcome.parsed.run.blockingError);
}

function noRunDetail(outcomes: readonly FlowRunOutcome[]): string {
  if (outcomes.length === 0) {
    return 'no runs yet';
  }
  if (outcomes.some((outcome) => outcome.kind === 'absent' && outcome.ambiguous)) {
    return 'activity not identified';
  }
  if (outcomes.some((outcome) => outcome.kind !== 'absent')) {
    return 'skipped in every run';
  }
  return 'not in any run';
}
