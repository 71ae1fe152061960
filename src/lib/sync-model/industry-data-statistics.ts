/** Error, warning and people counts for one flow from a run's `getStatistics` result. */

import { flowsNamed, type IncludedOutcome } from './industry-data-runs';
import type { InboundFlow, RoleCountMetric, RunStatistics } from './industry-data-types';
import type { RawValues } from './status';

export interface FlowCounts {
  errorCount: number | null;
  warningCount: number | null;
  /** People matched and unmatched to Microsoft Entra users, by role, for `SyncStatus.raw`. */
  raw: RawValues;
}

const NO_COUNTS: FlowCounts = { errorCount: null, warningCount: null, raw: {} };

/**
 * Reads the flow's counts when `statistics` belong to the run of `outcome`, the newest
 * finished run of the flow. Statistics of another run are ignored with a note.
 */
export function readFlowCounts(
  context: {
    statistics: RunStatistics | undefined;
    outcome: IncludedOutcome | undefined;
    flow: InboundFlow;
    allFlows: readonly InboundFlow[];
  },
  notes: string[],
): FlowCounts {
  const { statistics, outcome, flow, allFlows } = context;
  if (statistics === undefined || outcome === undefined) {
    return NO_COUNTS;
  }
  if (statistics.runId !== outcome.parsed.run.id) {
    notes.push(
      `Statistics were given for run ${statistics.runId}, but the newest finished run of this flow is ` +
        `${outcome.parsed.run.id}, so error and warning counts are not shown.`,
    );
    return NO_COUNTS;
  }

  const nameUnique = flowsNamed(flow.displayName, flow, allFlows) === 1;
  const onlyFlow = allFlows.every((other) => other.id === flow.id);
  return flowCounts(statistics, outcome, flow, { nameUnique, onlyFlow });
}

/**
 * Picks the flow's counts from statistics of the run in `outcome`. The `activityStatistics`
 * entry is matched by run-activity id or flow id, then by display name when `nameUnique`.
 * Failing that, `inboundTotals` is used only when the flow was the run's only inbound flow.
 */
function flowCounts(
  statistics: RunStatistics,
  outcome: IncludedOutcome,
  flow: InboundFlow,
  tenant: { nameUnique: boolean; onlyFlow: boolean },
): FlowCounts {
  const ids = new Set([flow.id]);
  if (outcome.kind === 'activity') {
    ids.add(outcome.activity.id);
  }
  const entries = Array.isArray(statistics.activityStatistics) ? statistics.activityStatistics : [];
  const entry =
    entries.find((candidate) => ids.has(candidate.activityId)) ??
    (tenant.nameUnique ? entries.find((candidate) => candidate.displayName === flow.displayName) : undefined);
  if (entry !== undefined) {
    return {
      errorCount: countOrNull(entry.errors),
      warningCount: countOrNull(entry.warnings),
      raw: peopleByRole(entry.matchedPeopleByRole, entry.unmatchedPeopleByRole),
    };
  }

  // Without activities, the run surely had one inbound flow only when the tenant has one.
  const soleInboundFlow = outcome.kind === 'activity' ? outcome.soleInboundFlow : tenant.onlyFlow;
  const totals = statistics.inboundTotals;
  if (!soleInboundFlow || totals === null || totals === undefined) {
    return NO_COUNTS;
  }
  return {
    errorCount: countOrNull(totals.errors),
    warningCount: countOrNull(totals.warnings),
    raw: peopleByRole(totals.matchedPeopleByRole, totals.unmatchedPeopleByRole),
  };
}

function peopleByRole(matched: unknown, unmatched: unknown): RawValues {
  const raw: RawValues = {};
  for (const [prefix, metrics] of [
    ['matchedPeople', matched],
    ['unmatchedPeople', unmatched],
  ] as const) {
    if (!Array.isArray(metrics)) {
      continue;
    }
    for (const metric of metrics as Partial<RoleCountMetric>[]) {
      const count = countOrNull(metric.count);
      if (typeof metric.role === 'string' && count !== null) {
        raw[`${prefix}.${metric.role}`] = count;
      }
    }
  }
  return raw;
}

function countOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}
