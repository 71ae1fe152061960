/**
 * The source-neutral status model. Every adapter (classic sync profiles, Industry Data
 * inbound flows) turns its Graph responses into a `SyncStatus`, and every card, summary
 * and banner reads only this model.
 */

export const SYNC_STATES = [
  'failed',
  'expired',
  'overdue',
  'warning',
  'unknown',
  'paused',
  'inProgress',
  'healthy',
] as const;

/** A watched item's health, listed in SYNC_STATES from worst to best. */
export type SyncState = (typeof SYNC_STATES)[number];

/** The data source an item comes from. */
export type SourceKind = 'classic' | 'industryData';

export const SOURCE_KINDS: readonly SourceKind[] = ['classic', 'industryData'];

/** Identity of one watched item: its source and its Graph id. */
export interface ItemRef {
  source: SourceKind;
  id: string;
}

/** A Graph `publicError` reduced to what a person can act on. */
export interface BlockingError {
  code: string | null;
  message: string | null;
  target: string | null;
}

/** One run of the new SDS, as the run history strip shows it. */
export interface RunSummary {
  runId: string;
  start: Date;
  end: Date | null;
  /** Raw Graph status of the run, or of the flow's activity in it when known. */
  status: string;
  state: SyncState;
}

/** When an item stops syncing, and whether that is past or near. */
export interface Expiry {
  at: Date;
  /** `expired` once `at` has passed; `soon` within the configured warning window. */
  state: 'expired' | 'soon' | 'later';
}

/** Values shown in a card's details view, exactly as the source sent them. */
export type RawValues = Record<string, string | number | boolean | null>;

export interface SyncStatus {
  state: SyncState;
  /**
   * Words that qualify the state, such as "not ready" or the raw value behind an
   * `unknown` state. Null when the state label is enough.
   */
  stateDetail: string | null;
  /** End of the most recent successful synchronization; null means never synced. */
  lastSuccessfulSync: Date | null;
  /** Most recent time the source observed any activity; null when it reported none. */
  lastActivity: Date | null;
  errorCount: number | null;
  warningCount: number | null;
  /** Message from the source, rendered as plain text with its line breaks kept. */
  message: string | null;
  blockingError: BlockingError | null;
  /** Short notes about how the status was derived, for example a fallback that was used. */
  notes: string[];
  raw: RawValues;
  /** Expiration of the profile or flow, when the source has one. */
  expiry: Expiry | null;
  /** Newest runs first, at most 14 (Industry Data only). */
  runHistory?: RunSummary[];
  /** When the next scheduled run is expected to start (Industry Data only). */
  nextRunExpected?: Date | null;
}

const SEVERITY_RANK: Record<SyncState, number> = Object.fromEntries(
  SYNC_STATES.map((state, index) => [state, SYNC_STATES.length - index]),
) as Record<SyncState, number>;

/** Returns a positive number when `a` is worse than `b`, 0 when they are equal. */
export function compareSeverity(a: SyncState, b: SyncState): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** Returns the worst of the given states, or undefined for an empty list. */
export function worstOf(states: Iterable<SyncState>): SyncState | undefined {
  let worst: SyncState | undefined;
  for (const state of states) {
    if (worst === undefined || compareSeverity(state, worst) > 0) {
      worst = state;
    }
  }
  return worst;
}

/** Formats a reference as `source:id`, the form used in URLs and saved selections. */
export function itemKey(ref: ItemRef): string {
  return `${ref.source}:${ref.id}`;
}

/**
 * Parses `source:id`. A bare id (no known source prefix) returns `{ source: undefined }`
 * so that the caller can look it up in every source.
 */
export function parseItemKey(text: string): { source: SourceKind | undefined; id: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }

  const separator = trimmed.indexOf(':');
  if (separator > 0) {
    const prefix = trimmed.slice(0, separator);
    const id = trimmed.slice(separator + 1).trim();
    if ((SOURCE_KINDS as readonly string[]).includes(prefix)) {
      return id === '' ? undefined : { source: prefix as SourceKind, id };
    }
  }
  return { source: undefined, id: trimmed };
}
