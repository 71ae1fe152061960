import { QueryClient } from '@tanstack/react-query';

/**
 * The app's query client. Failed polls are not retried by TanStack Query: its retries wait
 * while the page is hidden, which would stall a wall screen, so the next poll is the retry.
 * Polling continues in hidden tabs, and a tab that becomes visible refetches only what is
 * stale, that is, overdue.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        refetchIntervalInBackground: true,
        refetchOnWindowFocus: true,
        refetchOnReconnect: true,
      },
    },
  });
}
