import { useCallback, useState } from 'react';

import { withoutParams } from '@/config/url-params';

import { loadSavedSelection, saveSelection, selectionStorageKey } from '../selection-storage';

export interface WatchSelection {
  /** Keys of the items in view, as `source:id` or a bare id from the URL. */
  keys: string[];
  /** `url` while `?profiles=` decides the view and the saved choice is left alone. */
  origin: 'url' | 'saved';
  /** False when the browser refused to store the choice, which the page then reports. */
  saved: boolean;
  /** Replaces the watched items: saves them and drops `?profiles=` from the address. */
  setKeys: (keys: string[]) => void;
}

/**
 * The watched items for one tenant and account. `?profiles=` sets the current view without
 * touching the saved choice; the first edit saves the edited view and removes the parameter.
 */
export function useWatchSelection(tenantId: string, accountId: string, urlKeys: string[] | undefined): WatchSelection {
  const storageKey = selectionStorageKey(tenantId, accountId);

  const [state, setState] = useState(() => ({
    keys: urlKeys ?? loadSavedSelection(window.localStorage, storageKey) ?? [],
    origin: urlKeys === undefined ? ('saved' as const) : ('url' as const),
    saved: true,
  }));

  const setKeys = useCallback(
    (keys: string[]) => {
      const unique = [...new Set(keys)];
      const saved = saveSelection(window.localStorage, storageKey, unique);
      setState({ keys: unique, origin: 'saved', saved });
      window.history.replaceState(window.history.state, '', withoutParams(window.location.href, ['profiles']));
    },
    [storageKey],
  );

  return { ...state, setKeys };
}
