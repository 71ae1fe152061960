import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

import type { PollScheduler } from './poll-scheduler';

const PollingContext = createContext<PollScheduler | null>(null);

export function PollingProvider({ scheduler, children }: { scheduler: PollScheduler; children: ReactNode }) {
  return <PollingContext.Provider value={scheduler}>{children}</PollingContext.Provider>;
}

/** Returns the app's poll scheduler and re-renders when its retry holds or rounds change. */
export function usePollScheduler(): PollScheduler {
  const scheduler = useContext(PollingContext);
  if (scheduler === null) {
    throw new Error('usePollScheduler was called outside PollingProvider.');
  }
  useSyncExternalStore(scheduler.subscribe, scheduler.getVersion);
  return scheduler;
}
