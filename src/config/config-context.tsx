import { createContext, useContext, type ReactNode } from 'react';

import type { AppConfig } from './schema';

const ConfigContext = createContext<AppConfig | null>(null);

export function ConfigProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  return <ConfigContext.Provider value={config}>{children}</ConfigContext.Provider>;
}

/** Returns the validated deployment settings; only valid inside `ConfigProvider`. */
export function useAppConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (config === null) {
    throw new Error('useAppConfig was called outside ConfigProvider.');
  }
  return config;
}
