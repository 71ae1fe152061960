import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

import type { SessionProblem, SessionStore } from './session-store';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (store === null) {
    throw new Error('useSessionStore was called outside SessionProvider.');
  }
  return store;
}

/** Returns the current sign-in problem, or null while tokens can be had silently. */
export function useSessionProblem(): SessionProblem | null {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
