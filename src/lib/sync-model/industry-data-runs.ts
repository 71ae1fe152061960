/** Runs sorted by start time, and what each run did with one inbound flow. */

import { InvalidTimestampError, parseGraphDateTime } from '../time/parse-timestamp';
import type { InboundFlow, IndustryDataRun, RunActivity } from './industry-data-types';

/** A run whose timestamps are parsed. */
export interface ParsedRun {
  run: IndustryDataRun;
  start: Date;
  /** Null while the run is running, and when `endDateTime` could not be parsed. */
  end: Date | null;
}

/**
 * Result of one run for the flow. The kind is `activity` when the flow's run activity was
 * found, and `run` when the activities could not be read, so the whole run's status is used
 * instead. It is `absent` when the activities were read and none of them belongs to the flow.
 */
export type FlowRunOutcome =
  | { kind: 'activity'; parsed: ParsedRun; status: string; activity: RunActivity; soleInboundFlow: boolean }
  | { kind: 'run'; parsed: ParsedRun; status: string; reason: 'forbidden' | 'missing' }
  | { kind: 'absent'; parsed: ParsedRun; ambiguous: boolean };

/** An outcome of a run that included the flow, or may have, because its activities are unknown. */
export type IncludedOutcome = Exclude<FlowRunOutcome, { kind: 'absent' }>;

export function isIncluded(outcome: FlowRunOutcome): outcome is IncludedOutcome {
  return outcome.kind !== 'absent';
}

export type ActivitiesByRun = Map<string, RunActivity[] | 'forbidden'>;

/**
 * Parses run timestamps and sorts the runs newest first. A run without a valid start time is
 * left out, and each problem is added to `notes`.
 */
export function sortRunsNewestFirst(runs: readonly IndustryDataRun[], notes: string[]): ParsedRun[] {
  const parsed: ParsedRun[] = [];
  for (const run of runs) {
    const start = tryParseTimestamp(run.startDateTime);
    if (start === 'invalid' || start === null) {
      const value = JSON.stringify(run.startDateTime);
      notes.push(`Run ${run.id} was left out because its startDateTime is invalid: ${value}.`);
      continue;
    }

    let end = tryParseTimestamp(run.endDateTime);
    if (end === 'invalid') {
      const value = JSON.stringify(run.endDateTime);
      notes.push(`Run ${run.id} has an invalid endDateTime, so it counts as not finished: ${value}.`);
      end = null;
    }
    parsed.push({ run, start, end });
  }
  return parsed.sort((a, b) => b.start.getTime() - a.start.getTime());
}

/** Finds what each run did with `flow`, in the order of `runs`. */
export function flowRunOutcomes(
  flow: InboundFlow,
  allFlows: readonly InboundFlow[],
  runs: readonly ParsedRun[],
  activitiesByRun: ActivitiesByRun,
): FlowRunOutcome[] {
  const nameShared = flowsNamed(flow.displayName, flow, allFlows) > 1;

  return runs.map((parsed): FlowRunOutcome => {
    const activities = activitiesByRun.get(parsed.run.id);
    if (activities === undefined || activities === 'forbidden') {
      const reason = activities === 'forbidden' ? 'forbidden' : 'missing';
      return { kind: 'run', parsed, status: parsed.run.status, reason };
    }

    const match = findFlowActivity(flow, nameShared, activities);
    if (match.activity === undefined) {
      return { kind: 'absent', parsed, ambiguous: match.ambiguous };
    }
    const inbound = activities.filter((activity) => !isOutbound(activity));
    const soleInboundFlow = inbound.length === 1 && inbound[0] === match.activity;
    return { kind: 'activity', parsed, status: match.activity.status, activity: match.activity, soleInboundFlow };
  });
}

/**
 * Counts the distinct flows named `displayName`, `flow` included, so that a name can be
 * trusted as a link only when it is unique.
 */
export function flowsNamed(displayName: string, flow: InboundFlow, allFlows: readonly InboundFlow[]): number {
  const ids = new Set([flow.id]);
  for (const other of allFlows) {
    if (other.displayName === displayName) {
      ids.add(other.id);
    }
  }
  return ids.size;
}

/**
 * Finds the flow's activity: first by the expanded `activity.id` link, then by display name
 * among activities that have no link. A name shared with another flow is not trusted.
 */
function findFlowActivity(
  flow: InboundFlow,
  nameShared: boolean,
  activities: readonly RunActivity[],
): { activity?: RunActivity; ambiguous: boolean } {
  const linked = activities.find((activity) => activity.activity?.id === flow.id);
  if (linked !== undefined) {
    return { activity: linked, ambiguous: false };
  }

  const sameName = activities.filter(
    (activity) =>
      (activity.activity === null || activity.activity === undefined) &&
      !isOutbound(activity) &&
      activity.displayName === flow.displayName,
  );
  if (sameName.length === 0) {
    return { ambiguous: false };
  }
  if (nameShared || sameName.length > 1) {
    return { ambiguous: true };
  }
  return { activity: sameName[0], ambiguous: false };
}

/** Outbound activities provision Microsoft 365 and never belong to an inbound flow. */
function isOutbound(activity: RunActivity): boolean {
  return activity['@odata.type']?.toLowerCase().endsWith('outboundflowactivity') ?? false;
}

function tryParseTimestamp(value: unknown): Date | null | 'invalid' {
  try {
    return parseGraphDateTime(value);
  } catch (error) {
    if (error instanceof InvalidTimestampError) {
      return 'invalid';
    }
    throw error;
  }
}
