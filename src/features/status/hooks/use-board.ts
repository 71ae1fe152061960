import { useEffect } from 'react';

import { resolveKey, type ResolvedKey, type SourceCatalog } from '@/lib/sds/catalog';
import { parseItemKey, type SourceKind, type SyncState } from '@/lib/sync-model/status';

import type { CardModel } from './card-model';
import { useClassicCards, type ClassicEntry } from './use-classic-cards';
import { useIndustryDataCards, type FlowEntry } from './use-industry-data-cards';

/** One watched key as a board shows it: a card model, not found, or still being looked up. */
export type BoardEntry =
  | { kind: 'card'; key: string; card: CardModel }
  | { kind: 'notFound'; key: string; id: string; source: SourceKind | undefined }
  | { kind: 'loading'; key: string };

export interface Board {
  entries: BoardEntry[];
  /** States of the cards that have a status, for summaries. */
  states: SyncState[];
  /** Epoch ms of the last completed poll of any item, 0 before the first. */
  lastPollAt: number;
  /** Epoch ms of the newest data of any item, 0 before the first; a later failed poll does not change it. */
  lastSuccessAt: number;
  fetching: boolean;
}

/**
 * Resolves the watched keys against the catalogs and polls their status, in the admin's
 * order. Keys of a source whose API Microsoft retired are left out: the source's notice
 * explains, and no card of that source shows an error.
 */
export function useBoard(keys: string[], catalogs: SourceCatalog[], now: Date): Board {
  const liveCatalogs = catalogs.filter((catalog) => catalog.retired === null);
  const retiredSources = new Set(catalogs.filter((catalog) => catalog.retired !== null).map((catalog) => catalog.source));
  const resolved = uniqueByItem(
    keys
      .filter((key) => {
        const source = parseItemKey(key)?.source;
        return source === undefined || !retiredSources.has(source);
      })
      .map((key) => resolveKey(key, liveCatalogs)),
  );

  const classic = useClassicCards(resolved.flatMap(classicEntry), now);
  const industryData = useIndustryDataCards(resolved.flatMap(flowEntry), now);
  const cardsByKey = new Map([...classic.cards, ...industryData.cards].map((card) => [card.key, card]));

  const entries: BoardEntry[] = resolved.map((entry) => {
    if (entry.kind === 'notFound') {
      return { kind: 'notFound', key: entry.key, id: entry.id, source: entry.source };
    }
    const card = cardsByKey.get(entry.key);
    return card === undefined ? { kind: 'loading', key: entry.key } : { kind: 'card', key: entry.key, card };
  });

  return {
    entries,
    states: [...cardsByKey.values()].flatMap((card) => (card.status === undefined ? [] : [card.status.state])),
    lastPollAt: Math.max(classic.lastPollAt, industryData.lastPollAt),
    lastSuccessAt: Math.max(0, ...[...cardsByKey.values()].map((card) => card.dataUpdatedAt)),
    fetching: classic.fetching || industryData.fetching,
  };
}

/** Calls `listener` after render whenever the list of states changes. */
export function useStatesChange(states: SyncState[], listener: ((states: SyncState[]) => void) | undefined): void {
  const text = states.join(',');
  useEffect(() => {
    listener?.(text === '' ? [] : (text.split(',') as SyncState[]));
  }, [text, listener]);
}

/** Drops keys that name an item already shown, such as a bare id and its `source:id` form. */
function uniqueByItem(entries: ResolvedKey[]): ResolvedKey[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const identity = entry.kind === 'found' ? entry.item.key : entry.key.toLowerCase();
    if (seen.has(identity)) {
      return false;
    }
    seen.add(identity);
    return true;
  });
}

function classicEntry(entry: ResolvedKey): ClassicEntry[] {
  if (entry.kind === 'found' && entry.item.ref.source === 'classic') {
    return [{ ...entry, id: entry.item.ref.id }];
  }
  if (entry.kind === 'pending' && entry.ref?.source === 'classic') {
    return [{ ...entry, id: entry.ref.id }];
  }
  return [];
}

function flowEntry(entry: ResolvedKey): FlowEntry[] {
  if (entry.kind === 'found' && entry.item.ref.source === 'industryData') {
    return [{ key: entry.key, id: entry.item.ref.id, item: entry.item }];
  }
  if (entry.kind === 'pending' && entry.ref?.source === 'industryData') {
    return [{ key: entry.key, id: entry.ref.id, item: undefined }];
  }
  return [];
}
