import { QueryClient } from '@tanstack/react-query';

/**
 * The app's query client. Polling, focus and reconnect refetches are left to the poll
 * scheduler, which sends each round together so it can be batched. Failed polls are not
 * retried by TanStack Query: its retries wait while the page is hidden, which would stall
 * a wall screen, so the next round is the retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}
