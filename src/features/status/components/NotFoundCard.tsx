import { StateBadge } from '@/components/StateBadge';
import { SOURCE_LABELS } from '@/lib/sync-model/labels';
import type { SourceKind } from '@/lib/sync-model/status';

/** A card for a watched id that the tenant does not have, such as a mistyped URL parameter. */
export function NotFoundCard({ id, source }: { id: string; source: SourceKind | undefined }) {
  return (
    <article className="status-card card-unknown" aria-label={`${id}: not found in this tenant`}>
      <header className="card-header">
        <h3 className="card-title raw-value">{id}</h3>
        <span className="card-source">{source === undefined ? 'Any source' : SOURCE_LABELS[source]}</span>
      </header>
      <p className="card-state">
        <StateBadge state="unknown" detail="not found in this tenant" />
      </p>
      <p>No item with this id exists in this tenant. Check the address you opened, or choose items from the list.</p>
    </article>
  );
}
