import { hashKey, useQueries, useQueryClient } from '@tanstack/react-query';

import { useAppConfig } from '@/config/config-context';
import { useSessionProblem } from '@/lib/auth/session-context';
import { useGraph } from '@/lib/graph/graph-context';
import type { ResolvedKey } from '@/lib/sds/catalog';
import { usePollScheduler } from '@/lib/polling/polling-context';
import { classicKeys, classicProfileStatusQueryOptions } from '@/lib/sds/classic-queries';
import { classicStatus } from '@/lib/sync-model/classic';

import { cardFailure, evaluationTime, type CardModel } from './card-model';

const CLASSIC_SUBJECT = { noun: 'profile', permission: 'EduAdministration.Read' };

/** A classic profile to show: its key, its id, and the catalog entry when the list has it. */
export type ClassicEntry = Extract<ResolvedKey, { kind: 'found' | 'pending' }> & { id: string };

/** Cards of classic profiles: one status query each, polled on the configured interval. */
export function useClassicCards(entries: ClassicEntry[], now: Date) {
  const config = useAppConfig();
  const graph = useGraph();
  const queryClient = useQueryClient();
  const sessionProblem = useSessionProblem();
  const scheduler = usePollScheduler();
  const intervalMs = config.pollIntervalSeconds * 1000;

  const results = useQueries({
    queries: entries.map((entry) => ({
      ...classicProfileStatusQueryOptions(graph, entry.id, intervalMs),
      enabled: sessionProblem === null,
    })),
  });

  const cards: CardModel[] = entries.map((entry, index) => {
    const result = results[index];
    const item = entry.kind === 'found' ? entry.item : undefined;
    const status =
      result?.data === undefined
        ? undefined
        : classicStatus({
            profile: item?.classicProfile,
            status: result.data,
            now: evaluationTime(now, result.dataUpdatedAt, intervalMs),
            expiryWarningDays: config.expiryWarningDays,
          });

    return {
      key: entry.key,
      name: item?.name ?? entry.id,
      source: 'classic',
      typeLabel: item?.typeLabel ?? null,
      status,
      failure: cardFailure(result?.error, CLASSIC_SUBJECT, scheduler.holdFor(hashKey(classicKeys.profileStatus(entry.id)))),
      dataUpdatedAt: result?.dataUpdatedAt ?? 0,
      onRetry: () => void queryClient.refetchQueries({ queryKey: classicProfileStatusQueryOptions(graph, entry.id, intervalMs).queryKey }),
    };
  });

  return {
    cards,
    lastPollAt: Math.max(0, ...results.map((result) => Math.max(result.dataUpdatedAt, result.errorUpdatedAt))),
    fetching: results.some((result) => result.isFetching),
  };
}
