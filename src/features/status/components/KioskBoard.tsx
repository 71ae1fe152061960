import { StateIcon } from '@/components/StateIcon';
import { useAppConfig } from '@/config/config-context';
import type { SourceCatalog } from '@/lib/sds/catalog';
import { STATE_LABELS } from '@/lib/sync-model/labels';
import { compareSeverity, type SyncState } from '@/lib/sync-model/status';
import { formatAbsoluteTime } from '@/lib/time/relative-time';

import { useBoard, useStatesChange, type BoardEntry } from '../hooks/use-board';

/**
 * The wall-screen view: names and states only, worst first, in large type, with an
 * "alive" line. It shows no messages, error details, request ids or account names, because
 * a wall screen is read by anyone walking past.
 */
export function KioskBoard({
  keys,
  catalogs,
  now,
  onStatesChange,
}: {
  keys: string[];
  catalogs: SourceCatalog[];
  now: Date;
  onStatesChange?: (states: SyncState[]) => void;
}) {
  const config = useAppConfig();
  const board = useBoard(keys, catalogs, now);
  useStatesChange(board.states, onStatesChange);
  const tiles = board.entries.map(toTile).sort(byWorstFirst);
  const outdated = board.lastSuccessAt === 0 || now.getTime() - board.lastSuccessAt > 2 * config.pollIntervalSeconds * 1000;

  return (
    <section className="kiosk" aria-labelledby="kiosk-heading">
      <h2 id="kiosk-heading" className="visually-hidden">
        Sync status
      </h2>
      <p className={`kiosk-alive ${outdated ? 'kiosk-alive-outdated' : ''}`} role="status">
        <span className="kiosk-alive-dot" aria-hidden="true" />
        {board.lastSuccessAt === 0
          ? 'Waiting for the first update…'
          : `${outdated ? 'Not updated since' : 'Live · last update'} ${formatAbsoluteTime(new Date(board.lastSuccessAt))}`}
      </p>
      <ul className="kiosk-tiles">
        {tiles.map((tile) => (
          <li key={tile.key} className={`kiosk-tile ${tile.state === null ? 'card-loading' : `card-${tile.state} state-${tile.state}`}`}>
            <span className="kiosk-name">{tile.name}</span>
            <span className="kiosk-state">
              {tile.state === null ? (
                'Loading…'
              ) : (
                <>
                  <StateIcon state={tile.state} /> {tile.label}
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Tile {
  key: string;
  name: string;
  state: SyncState | null;
  label: string;
}

function toTile(entry: BoardEntry): Tile {
  if (entry.kind === 'notFound') {
    return { key: entry.key, name: entry.id, state: 'unknown', label: 'Not found' };
  }
  if (entry.kind === 'card' && entry.card.status === undefined && entry.card.failure !== undefined) {
    // A wall screen shows no error details; the full view explains what failed.
    return { key: entry.key, name: entry.card.name, state: 'unknown', label: 'No data' };
  }
  if (entry.kind === 'loading' || entry.card.status === undefined) {
    return { key: entry.key, name: entry.kind === 'card' ? entry.card.name : entry.key, state: null, label: '' };
  }
  const state = entry.card.status.state;
  return { key: entry.key, name: entry.card.name, state, label: STATE_LABELS[state] };
}

/** Sorts worst state first; tiles still loading go last. */
function byWorstFirst(a: Tile, b: Tile): number {
  if (a.state === null && b.state === null) {
    return 0;
  }
  if (a.state === null) {
    return 1;
  }
  if (b.state === null) {
    return -1;
  }
  return compareSeverity(b.state, a.state);
}
