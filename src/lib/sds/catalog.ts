import { useAppConfig } from '@/config/config-context';
import { useGraph } from '@/lib/graph/graph-context';
import { useOptionalQuery } from '@/lib/query/use-optional-query';
import { providerLabel, type ClassicProfile } from '@/lib/sync-model/classic';
import type { InboundFlow } from '@/lib/sync-model/industry-data-types';
import { itemKey, parseItemKey, type ItemRef, type SourceKind } from '@/lib/sync-model/status';
import { parseGraphDate, parseGraphDateTime } from '@/lib/time/parse-timestamp';

import { classicProfilesQueryOptions } from './classic-queries';
import { classicRetirement, type ClassicRetirement } from './classic-retirement';
import { inboundFlowsQueryOptions } from './industry-data-queries';

/** One item the admin can choose to watch, from any source. */
export interface CatalogItem {
  key: string;
  ref: ItemRef;
  name: string;
  /** Data provider or flow type, such as "CSV" or "OneRoster". */
  typeLabel: string;
  /** The source's own state value, such as `provisioned` or `ready`. */
  stateValue: string;
  expiresAt: Date | null;
  classicProfile?: ClassicProfile;
  flow?: InboundFlow;
}

/**
 * The list of one source, with how far loading it got. A list that loaded once stays
 * `ready` when a later refresh fails: its items are still right, and each card reports
 * its own polls.
 */
export interface SourceCatalog {
  source: SourceKind;
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  items: CatalogItem[];
  /** Epoch ms of the last successful load, 0 before the first. */
  updatedAt: number;
  /** For the classic source: how the list showed that Microsoft retired the API, else null. */
  retired: ClassicRetirement | null;
}

/** Loads the watchable items of every configured source. */
export function useCatalog(): SourceCatalog[] {
  const config = useAppConfig();
  const graph = useGraph();
  const intervalMs = config.pollIntervalSeconds * 1000;
  const classicEnabled = config.sources.includes('classic');
  const industryDataEnabled = config.sources.includes('industryData');
  const classic = useOptionalQuery(classicProfilesQueryOptions(graph), classicEnabled);
  // NOTE: the list is read 100 profiles per page, one page after another. A tenant with
  // thousands of profiles pays one request per hundred at load and every half hour.
  const flows = useOptionalQuery(inboundFlowsQueryOptions(graph, intervalMs), industryDataEnabled);

  const catalogs: SourceCatalog[] = [];
  if (classic !== undefined) {
    const retired = classicRetirement(classic.data, classic.error);
    catalogs.push({
      source: 'classic',
      status: classic.data !== undefined || retired !== null ? 'ready' : classic.isError ? 'error' : 'loading',
      error: retired === null ? classic.error : null,
      items: classic.data === undefined || retired !== null ? [] : classic.data.map(toClassicItem),
      updatedAt: classic.dataUpdatedAt,
      retired,
    });
  }
  if (flows !== undefined) {
    catalogs.push({
      source: 'industryData',
      status: flows.data !== undefined ? 'ready' : flows.isError ? 'error' : 'loading',
      error: flows.error,
      items: flows.data === undefined ? [] : flows.data.map(toFlowItem),
      updatedAt: flows.dataUpdatedAt,
      retired: null,
    });
  }
  return catalogs;
}

function toFlowItem(flow: InboundFlow): CatalogItem {
  const ref: ItemRef = { source: 'industryData', id: String(flow.id) };
  const type = typeof flow['@odata.type'] === 'string' ? flow['@odata.type'] : '';
  return {
    key: itemKey(ref),
    ref,
    name: typeof flow.displayName === 'string' && flow.displayName !== '' ? flow.displayName : String(flow.id),
    typeLabel: type.endsWith('inboundFileFlow') ? 'CSV files' : type.endsWith('inboundApiFlow') ? 'API (OneRoster)' : 'Inbound flow',
    stateValue: typeof flow.readinessStatus === 'string' ? flow.readinessStatus : 'unknown',
    expiresAt: safeDateTime(flow.expirationDateTime),
    flow,
  };
}

function toClassicItem(raw: unknown): CatalogItem {
  const profile = raw as ClassicProfile;
  const ref: ItemRef = { source: 'classic', id: String(profile.id) };
  return {
    key: itemKey(ref),
    ref,
    name: typeof profile.displayName === 'string' && profile.displayName !== '' ? profile.displayName : String(profile.id),
    typeLabel: providerLabel(profile),
    stateValue: typeof profile.state === 'string' ? profile.state : 'unknown',
    expiresAt: safeDate(profile.expirationDate),
    classicProfile: profile,
  };
}

function safeDate(value: unknown): Date | null {
  try {
    return parseGraphDate(value);
  } catch {
    return null;
  }
}

function safeDateTime(value: unknown): Date | null {
  try {
    return parseGraphDateTime(value);
  } catch {
    return null;
  }
}

/** A watched key matched against the catalogs: the item, or why it has none. */
export type ResolvedKey =
  | { kind: 'found'; key: string; item: CatalogItem }
  | { kind: 'pending'; key: string; ref: ItemRef | undefined }
  | { kind: 'notFound'; key: string; id: string; source: SourceKind | undefined };

/**
 * Matches a key (`source:id`, or a bare id from a hand-written URL) against the loaded
 * catalogs. A bare id matches the first source that has it.
 */
export function resolveKey(key: string, catalogs: SourceCatalog[]): ResolvedKey {
  const parsed = parseItemKey(key);
  if (parsed === undefined) {
    return { kind: 'notFound', key, id: key, source: undefined };
  }

  const candidates = parsed.source === undefined ? catalogs : catalogs.filter((catalog) => catalog.source === parsed.source);
  for (const catalog of candidates) {
    const item = catalog.items.find((candidate) => candidate.ref.id.toLowerCase() === parsed.id.toLowerCase());
    if (item !== undefined) {
      return { kind: 'found', key, item };
    }
  }

  const stillLoading = candidates.some((catalog) => catalog.status !== 'ready');
  if (stillLoading) {
    return { kind: 'pending', key, ref: parsed.source === undefined ? undefined : { source: parsed.source, id: parsed.id } };
  }
  return { kind: 'notFound', key, id: parsed.id, source: parsed.source };
}
