import { createContext, useContext, type ReactNode } from 'react';

import type { GraphClient } from './client';

const GraphContext = createContext<GraphClient | null>(null);

export function GraphProvider({ client, children }: { client: GraphClient; children: ReactNode }) {
  return <GraphContext.Provider value={client}>{children}</GraphContext.Provider>;
}

/** Returns the app's Graph client; only valid inside `GraphProvider`. */
export function useGraph(): GraphClient {
  const client = useContext(GraphContext);
  if (client === null) {
    throw new Error('useGraph was called outside GraphProvider.');
  }
  return client;
}
