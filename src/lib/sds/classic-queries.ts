import { queryOptions } from '@tanstack/react-query';

import { SOURCE_SCOPES } from '@/lib/auth/scopes';
import type { GraphClient } from '@/lib/graph/client';
import { POLLED } from '@/lib/polling/poll-scheduler';

const CLASSIC_SCOPES = SOURCE_SCOPES.classic;

const PROFILES_PATH = '/education/synchronizationProfiles';

/** Query keys, built from general to specific so a whole source can be invalidated at once. */
export const classicKeys = {
  all: ['sds', 'classic'] as const,
  profiles: () => [...classicKeys.all, 'profiles'] as const,
  profileStatus: (id: string) => [...classicKeys.all, 'profileStatus', id] as const,
};

/**
 * The profile list changes rarely. It joins a poll round (and so its batch) when it is
 * older than this, and on every manual refresh.
 */
const PROFILE_LIST_REFRESH_MS = 30 * 60_000;

export function classicProfilesQueryOptions(graph: GraphClient) {
  return queryOptions({
    queryKey: classicKeys.profiles(),
    // $top is documented for this list; without it Graph picks a page size of its own.
    queryFn: ({ signal }) => graph.getAll(`${PROFILES_PATH}?$top=100`, { scopes: CLASSIC_SCOPES, signal }),
    staleTime: PROFILE_LIST_REFRESH_MS,
    meta: { ...POLLED, minAgeMs: PROFILE_LIST_REFRESH_MS },
  });
}

/**
 * One profile's status, polled by the poll scheduler every `intervalMs` together with every
 * other watched item. The raw body is kept as it came, so the adapter can judge it against
 * the current time at every render. The scheduler skips responses that a later poll cannot
 * change (no permission, profile gone); the admin retries by hand.
 */
export function classicProfileStatusQueryOptions(graph: GraphClient, id: string, intervalMs: number) {
  return queryOptions({
    queryKey: classicKeys.profileStatus(id),
    queryFn: ({ signal }) =>
      graph.get(`${PROFILES_PATH}/${encodeURIComponent(id)}/profileStatus`, {
        scopes: CLASSIC_SCOPES,
        signal,
        includeUnknownEnumMembers: true,
      }),
    staleTime: intervalMs,
    meta: POLLED,
  });
}
