import type { QueryClient } from '@tanstack/react-query';

import type { GraphClient } from '@/lib/graph/client';

/** Counters a benchmark reads from the page; they hold no tokens and no personal data. */
export interface Diagnostics {
  /** Graph calls sent since start-up, batched and single. */
  graphCalls: () => ReturnType<GraphClient['stats']>;
  /** Entries in the query cache, in total and for polled status data. */
  queryCount: () => { total: number; polled: number };
}

declare global {
  interface Window {
    sdsSyncMonitorDiagnostics?: Diagnostics;
  }
}

/** Publishes `window.sdsSyncMonitorDiagnostics`; only when config.json sets `exposeDiagnostics`. */
export function exposeDiagnostics(graph: GraphClient, queryClient: QueryClient): void {
  window.sdsSyncMonitorDiagnostics = {
    graphCalls: () => graph.stats(),
    queryCount: () => {
      const queries = queryClient.getQueryCache().getAll();
      return { total: queries.length, polled: queries.filter((query) => query.meta?.poll === true).length };
    },
  };
}
