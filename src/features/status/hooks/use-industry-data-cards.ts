import { hashKey, useQueries, useQueryClient } from '@tanstack/react-query';

import { useAppConfig } from '@/config/config-context';
import { useSessionProblem } from '@/lib/auth/session-context';
import { useGraph } from '@/lib/graph/graph-context';
import { usePollScheduler } from '@/lib/polling/polling-context';
import { useOptionalQuery } from '@/lib/query/use-optional-query';
import type { CatalogItem } from '@/lib/sds/catalog';
import {
  inboundFlowsQueryOptions,
  industryDataKeys,
  runActivitiesQueryOptions,
  runStatisticsQueryOptions,
  runsQueryOptions,
} from '@/lib/sds/industry-data-queries';
import { industryDataStatus, statisticsRunId } from '@/lib/sync-model/industry-data';
import { sortRunsNewestFirst, type ActivitiesByRun } from '@/lib/sync-model/industry-data-runs';
import type { InboundFlow, RunStatistics } from '@/lib/sync-model/industry-data-types';

import { cardFailure, evaluationTime, type CardModel } from './card-model';

const FLOW_SUBJECT = { noun: 'flow', permission: 'IndustryData-InboundFlow.Read.All and IndustryData-Run.Read.All' };

/**
 * Newest runs whose activities are read; older runs are left out of each flow's status.
 * About 30 days at two runs a day, so a flow that stopped running weeks ago still shows its
 * last sync. A finished run's activities are read once, and a round's reads share batches.
 */
const RUNS_WITH_ACTIVITIES = 60;

/** An inbound flow to show: its key, its id, and the catalog entry when the list has it. */
export interface FlowEntry {
  key: string;
  id: string;
  item: CatalogItem | undefined;
}

/**
 * Cards of the new SDS's inbound flows. The runs, their activities and statistics are
 * tenant-wide, so they are read once for all flows and each card derives its status.
 */
export function useIndustryDataCards(entries: FlowEntry[], now: Date) {
  const config = useAppConfig();
  const graph = useGraph();
  const queryClient = useQueryClient();
  const sessionProblem = useSessionProblem();
  const scheduler = usePollScheduler();
  const intervalMs = config.pollIntervalSeconds * 1000;
  const enabled = entries.length > 0 && sessionProblem === null;

  const watching = entries.length > 0;
  const flows = useOptionalQuery({ ...inboundFlowsQueryOptions(graph, intervalMs), enabled }, watching);
  const runs = useOptionalQuery({ ...runsQueryOptions(graph, intervalMs), enabled }, watching);

  const newestRuns = sortRunsNewestFirst(runs?.data ?? [], []).slice(0, RUNS_WITH_ACTIVITIES);
  const readRuns = newestRuns.map((parsed) => parsed.run);
  const activityResults = useQueries({
    queries: newestRuns.map((parsed) => ({
      ...runActivitiesQueryOptions(graph, parsed.run.id, parsed.end === null, intervalMs),
      enabled,
    })),
  });
  const activitiesByRun: ActivitiesByRun = new Map();
  newestRuns.forEach((parsed, index) => {
    const data = activityResults[index]?.data;
    if (data !== undefined) {
      activitiesByRun.set(parsed.run.id, data);
    }
  });

  const allFlows = flows?.data ?? [];
  const statisticsIds = [
    ...new Set(
      entries.flatMap((entry) => {
        const flow = allFlows.find((candidate) => candidate.id === entry.id);
        const runId = flow === undefined ? undefined : statisticsRunId({ flow, allFlows, runs: readRuns, activitiesByRun });
        return runId === undefined ? [] : [runId];
      }),
    ),
  ];
  const statisticsResults = useQueries({
    queries: statisticsIds.map((runId) => ({ ...runStatisticsQueryOptions(graph, runId), enabled })),
  });
  const statisticsByRun = new Map<string, RunStatistics>();
  statisticsIds.forEach((runId, index) => {
    const data = statisticsResults[index]?.data;
    if (data !== undefined) {
      statisticsByRun.set(runId, data);
    }
  });

  // Until every activity list has been read once, the adapter would fall back to run-level
  // status and add a note about it, so the card waits for them on the first load.
  const activitiesSettled = activityResults.every((result) => result.data !== undefined || result.error !== null);
  const activityError = activityResults.find((result) => result.error !== null)?.error ?? null;
  const sharedError = flows?.error ?? runs?.error ?? activityError;
  const flowsUpdatedAt = flows?.dataUpdatedAt ?? 0;
  const runsUpdatedAt = runs?.dataUpdatedAt ?? 0;
  const dataUpdatedAt = flowsUpdatedAt > 0 && runsUpdatedAt > 0 ? Math.min(flowsUpdatedAt, runsUpdatedAt) : 0;

  const cards: CardModel[] = entries.map((entry) => {
    const flow = allFlows.find((candidate) => candidate.id === entry.id) ?? entry.item?.flow;
    const statisticsId = flow === undefined ? undefined : statisticsRunId({ flow, allFlows, runs: readRuns, activitiesByRun });
    const status =
      flow === undefined || runs?.data === undefined || !activitiesSettled
        ? undefined
        : industryDataStatus({
            flow,
            allFlows: allFlows.length > 0 ? allFlows : [flow],
            runs: readRuns,
            activitiesByRun,
            statistics: statisticsId === undefined ? undefined : statisticsByRun.get(statisticsId),
            now: evaluationTime(now, dataUpdatedAt, intervalMs),
            settings: { overdueGraceMinutes: config.overdueGraceMinutes, expiryWarningDays: config.expiryWarningDays },
          });

    return {
      key: entry.key,
      name: entry.item?.name ?? flow?.displayName ?? entry.id,
      source: 'industryData',
      typeLabel: withIdWhenNameRepeats(entry.item?.typeLabel ?? null, flow, allFlows),
      status,
      failure: cardFailure(sharedError, FLOW_SUBJECT, scheduler.holdFor(hashKey(industryDataKeys.runs())) ?? scheduler.holdFor(hashKey(industryDataKeys.flows()))),
      dataUpdatedAt,
      onRetry: () => void queryClient.refetchQueries({ queryKey: industryDataKeys.all }),
    };
  });

  const polled = [flows, runs].filter((result) => result !== undefined);
  return {
    cards,
    lastPollAt: Math.max(0, ...polled.map((result) => Math.max(result.dataUpdatedAt, result.errorUpdatedAt))),
    fetching: polled.some((result) => result.isFetching),
  };
}

/** Adds the flow id to the type label when another flow has the same name, so their cards differ. */
function withIdWhenNameRepeats(typeLabel: string | null, flow: InboundFlow | undefined, allFlows: InboundFlow[]): string | null {
  if (flow === undefined || allFlows.filter((other) => other.displayName === flow.displayName).length < 2) {
    return typeLabel;
  }
  return `${typeLabel ?? 'Inbound flow'} · id ${flow.id}`;
}
