import { useId, useState } from 'react';

import { resolveKey, type CatalogItem, type SourceCatalog } from '@/lib/sds/catalog';
import { SOURCE_LABELS } from '@/lib/sync-model/labels';
import { formatAbsoluteDate } from '@/lib/time/relative-time';

import { SelectAllCheckbox } from './SelectAllCheckbox';

/**
 * The list of every watchable item with tick boxes, a search box and "select all". The
 * search filters what is shown; "select all" acts on the items shown.
 */
export function ItemPicker({
  catalogs,
  selectedKeys,
  onChange,
}: {
  catalogs: SourceCatalog[];
  selectedKeys: string[];
  onChange: (keys: string[]) => void;
}) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const allItems = catalogs.flatMap((catalog) => catalog.items);
  // Keys from a hand-written URL may be bare ids; compare them as the items they name.
  const canonical = (key: string) => {
    const resolved = resolveKey(key, catalogs);
    return resolved.kind === 'found' ? resolved.item.key : key;
  };
  const selected = new Set(selectedKeys.map(canonical));
  const sharedNames = namesUsedTwice(allItems);
  const shown = filterItems(allItems, query);
  const shownSelected = shown.filter((item) => selected.has(item.key)).length;

  const toggle = (key: string, checked: boolean) => {
    onChange(checked ? [...selectedKeys, key] : selectedKeys.filter((entry) => canonical(entry) !== key));
  };
  const setShown = (checked: boolean) => {
    const shownKeys = new Set(shown.map((item) => item.key));
    if (checked) {
      onChange([...selectedKeys, ...shown.map((item) => item.key).filter((key) => !selected.has(key))]);
    } else {
      onChange(selectedKeys.filter((key) => !shownKeys.has(canonical(key))));
    }
  };

  return (
    <div className="item-picker">
      {catalogs.map((catalog) =>
        catalog.status === 'ready' ? null : (
          <p key={catalog.source} className="picker-source-status">
            {SOURCE_LABELS[catalog.source]}:{' '}
            {catalog.status === 'loading' ? 'loading the list…' : 'the list could not be loaded (see the message above).'}
          </p>
        ),
      )}

      <div className="picker-controls">
        <label htmlFor={searchId}>Search</label>
        <input
          id={searchId}
          type="search"
          value={query}
          placeholder="Name, type or state"
          onChange={(event) => setQuery(event.target.value)}
        />
        <SelectAllCheckbox shownCount={shown.length} selectedCount={shownSelected} onChange={setShown} />
        <span className="picker-count">
          {selectedKeys.length} selected · {shown.length} of {allItems.length} shown
        </span>
      </div>

      <table className="picker-table">
        <thead>
          <tr>
            <th scope="col">Watch</th>
            <th scope="col">Name</th>
            <th scope="col">Source</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <PickerRow
              key={item.key}
              item={item}
              showId={sharedNames.has(item.name)}
              checked={selected.has(item.key)}
              onToggle={toggle}
            />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && allItems.length > 0 ? <p>No item matches “{query}”.</p> : null}
    </div>
  );
}

function PickerRow({
  item,
  showId,
  checked,
  onToggle,
}: {
  item: CatalogItem;
  /** Shows the id next to the name, for items whose name is not unique. */
  showId: boolean;
  checked: boolean;
  onToggle: (key: string, checked: boolean) => void;
}) {
  const checkboxId = useId();
  return (
    <tr>
      <td>
        <input id={checkboxId} type="checkbox" checked={checked} onChange={(event) => onToggle(item.key, event.target.checked)} />
      </td>
      <td>
        <label htmlFor={checkboxId}>
          {item.name}
          {showId ? <span className="picker-id"> (id {item.ref.id})</span> : null}
        </label>
      </td>
      <td>{SOURCE_LABELS[item.ref.source]}</td>
      <td>{item.typeLabel}</td>
      <td>{item.stateValue}</td>
      <td>{item.expiresAt === null ? '—' : formatAbsoluteDate(item.expiresAt)}</td>
    </tr>
  );
}

function namesUsedTwice(items: CatalogItem[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    if (seen.has(item.name)) {
      repeated.add(item.name);
    }
    seen.add(item.name);
  }
  return repeated;
}

function filterItems(items: CatalogItem[], query: string): CatalogItem[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) {
    return items;
  }
  return items.filter((item) => {
    const text = `${item.name} ${item.typeLabel} ${item.stateValue} ${SOURCE_LABELS[item.ref.source]}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
