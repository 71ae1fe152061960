import { createContext, useContext, type ReactNode } from 'react';

import type { ViewParams } from './url-params';

const ViewContext = createContext<ViewParams>({});

/** The URL parameters of this page load, read once at start-up. */
export function ViewProvider({ params, children }: { params: ViewParams; children: ReactNode }) {
  return <ViewContext.Provider value={params}>{children}</ViewContext.Provider>;
}

export function useViewParams(): ViewParams {
  return useContext(ViewContext);
}
