import { queryOptions } from '@tanstack/react-query';

import { SOURCE_SCOPES } from '@/lib/auth/scopes';
import type { GraphClient } from '@/lib/graph/client';
import { GraphError } from '@/lib/graph/graph-error';

const CLASSIC_SCOPES = SOURCE_SCOPES.classic;

const PROFILES_PATH = '/education/synchronizationProfiles';

/** Query keys, built from general to specific so a whole source can be invalidated at once. */
export const classicKeys = {
  all: ['sds', 'classic'] as const,
  profiles: () => [...classicKeys.all, 'profiles'] as const,
  profileStatus: (id: string) => [...classicKeys.all, 'profileStatus', id] as const,
};

/** The profile list changes rarely; it is read again every few minutes for states and expiry. */
const PROFILE_LIST_REFRESH_MS = 5 * 60_000;

export function classicProfilesQueryOptions(graph: GraphClient) {
  return queryOptions({
    queryKey: classicKeys.profiles(),
    queryFn: ({ signal }) => graph.getAll(PROFILES_PATH, { scopes: CLASSIC_SCOPES, signal }),
    staleTime: PROFILE_LIST_REFRESH_MS,
    refetchInterval: PROFILE_LIST_REFRESH_MS,
  });
}

/**
 * One profile's status, polled every `intervalMs`. The raw body is kept as it came, so the
 * adapter can judge it against the current time at every render. Polling stops for answers
 * that a later poll cannot change (no permission, profile gone); the admin retries by hand.
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
    refetchInterval: (query) => (isFatal(query.state.error) ? false : intervalMs),
  });
}

function isFatal(error: unknown): boolean {
  return error instanceof GraphError && error.isFatal;
}
