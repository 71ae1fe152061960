import { useQueries, type QueryKey, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';

/**
 * Runs a query only while `active`; otherwise returns undefined and leaves no entry in the
 * cache. A plain `useQuery` with `enabled: false` still creates an entry, which would keep
 * an unused source's queries in the cache of a dashboard that runs for days.
 */
export function useOptionalQuery<TData, TError = Error, TKey extends QueryKey = QueryKey>(
  options: UseQueryOptions<TData, TError, TData, TKey>,
  active: boolean,
): UseQueryResult<TData, TError> | undefined {
  const queries: UseQueryOptions<TData, TError, TData, TKey>[] = active ? [options] : [];
  const results = useQueries({ queries }) as UseQueryResult<TData, TError>[];
  return results[0];
}
