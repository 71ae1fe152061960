import { usePollScheduler } from '@/lib/polling/polling-context';
import { useSessionProblem } from '@/lib/auth/session-context';
import { resolveKey, type ResolvedKey, type SourceCatalog } from '@/lib/sds/catalog';
import { parseItemKey } from '@/lib/sync-model/status';

import { useClassicCards, type ClassicEntry } from '../hooks/use-classic-cards';
import { useIndustryDataCards, type FlowEntry } from '../hooks/use-industry-data-cards';
import { BoardToolbar } from './BoardToolbar';
import { NotFoundCard } from './NotFoundCard';
import { StatusCardView } from './StatusCardView';

/**
 * One card per watched key, in the admin's order, with a summary and "Refresh now".
 * Keys of a source whose API Microsoft retired get no card: the source's notice explains.
 */
export function StatusBoard({ keys, catalogs, now }: { keys: string[]; catalogs: SourceCatalog[]; now: Date }) {
  const scheduler = usePollScheduler();
  const sessionProblem = useSessionProblem();

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

  const states = [...cardsByKey.values()].flatMap((card) => (card.status === undefined ? [] : [card.status.state]));
  const lastPollAt = Math.max(classic.lastPollAt, industryData.lastPollAt);

  return (
    <section className="status-section" aria-labelledby="status-heading">
      <BoardToolbar
        states={states}
        lastPollAt={lastPollAt}
        refreshing={classic.fetching || industryData.fetching}
        now={now}
        pollingPaused={sessionProblem !== null}
        onRefresh={() => scheduler.pollNow()}
      />
      <div className="status-board">
        {resolved.map((entry) => {
          if (entry.kind === 'notFound') {
            return <NotFoundCard key={entry.key} id={entry.id} source={entry.source} />;
          }
          const card = cardsByKey.get(entry.key);
          if (card === undefined) {
            return (
              <article key={entry.key} className="status-card card-loading" aria-label={`${entry.key}: loading`}>
                <p className="card-loading-text">Looking up {entry.key}…</p>
              </article>
            );
          }
          const { key, ...props } = card;
          return <StatusCardView key={key} {...props} now={now} />;
        })}
      </div>
    </section>
  );
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
