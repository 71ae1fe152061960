import { queryOptions } from '@tanstack/react-query';

import { SOURCE_SCOPES } from '@/lib/auth/scopes';
import type { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/graph-error';
import { POLLED } from '@/lib/polling/poll-scheduler';
import type { InboundFlow, IndustryDataRun, RunActivity, RunStatistics } from '@/lib/sync-model/industry-data-types';

const INDUSTRY_DATA_SCOPES = SOURCE_SCOPES.industryData;

const ROOT = '/external/industryData';

export const industryDataKeys = {
  all: ['sds', 'industryData'] as const,
  flows: () => [...industryDataKeys.all, 'flows'] as const,
  runs: () => [...industryDataKeys.all, 'runs'] as const,
  activities: (runId: string) => [...industryDataKeys.all, 'activities', runId] as const,
  statistics: (runId: string) => [...industryDataKeys.all, 'statistics', runId] as const,
};

export function inboundFlowsQueryOptions(graph: GraphClient, intervalMs: number) {
  return queryOptions({
    queryKey: industryDataKeys.flows(),
    queryFn: async ({ signal }) =>
      (await graph.getAll(`${ROOT}/inboundFlows`, { scopes: INDUSTRY_DATA_SCOPES, signal })) as InboundFlow[],
    staleTime: intervalMs,
    meta: POLLED,
  });
}

/** Every run of the tenant; they are few (two a day) and the service keeps them only for a while. */
export function runsQueryOptions(graph: GraphClient, intervalMs: number) {
  return queryOptions({
    queryKey: industryDataKeys.runs(),
    queryFn: async ({ signal }) =>
      (await graph.getAll(`${ROOT}/runs`, { scopes: INDUSTRY_DATA_SCOPES, signal })) as IndustryDataRun[],
    staleTime: intervalMs,
    meta: POLLED,
  });
}

/**
 * A run's activities, with each activity's flow expanded so it links to the flow by id.
 * Their permission is not documented, so a 403 is a value (`'forbidden'`), not an error:
 * the status then falls back to the run as a whole. A finished run does not change, so it
 * is read once; a running one is read again at every poll.
 */
export function runActivitiesQueryOptions(graph: GraphClient, runId: string, running: boolean, intervalMs: number) {
  return queryOptions({
    queryKey: industryDataKeys.activities(runId),
    queryFn: async ({ signal }): Promise<RunActivity[] | 'forbidden'> => {
      const path = `${ROOT}/runs/${encodeURIComponent(runId)}/activities`;
      try {
        return (await graph.getAll(`${path}?$expand=activity`, { scopes: INDUSTRY_DATA_SCOPES, signal })) as RunActivity[];
      } catch (error) {
        if (error instanceof GraphError && error.status === 403) {
          return 'forbidden';
        }
        throw error;
      }
    },
    staleTime: running ? intervalMs : Infinity,
    meta: running ? POLLED : undefined,
  });
}

/** Statistics of a finished run, read once: accepts both documented URL forms of the function. */
export function runStatisticsQueryOptions(graph: GraphClient, runId: string) {
  return queryOptions({
    queryKey: industryDataKeys.statistics(runId),
    queryFn: async ({ signal }) => {
      const base = `${ROOT}/runs/${encodeURIComponent(runId)}`;
      try {
        return (await graph.get(`${base}/getStatistics`, { scopes: INDUSTRY_DATA_SCOPES, signal })) as RunStatistics;
      } catch (error) {
        if (error instanceof GraphError && (error.status === 400 || error.status === 404)) {
          return (await graph.get(`${base}/microsoft.graph.industryData.getStatistics()`, {
            scopes: INDUSTRY_DATA_SCOPES,
            signal,
          })) as RunStatistics;
        }
        throw error;
      }
    },
    staleTime: Infinity,
  });
}
