import { useEffect, useId, useRef } from 'react';

/** "Select all" for the items shown; mixed (indeterminate) when only some are selected. */
export function SelectAllCheckbox({
  shownCount,
  selectedCount,
  onChange,
}: {
  shownCount: number;
  selectedCount: number;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const all = shownCount > 0 && selectedCount === shownCount;
  const some = selectedCount > 0 && !all;

  useEffect(() => {
    if (ref.current !== null) {
      ref.current.indeterminate = some;
    }
  }, [some]);

  return (
    <span className="select-all">
      <input ref={ref} id={id} type="checkbox" checked={all} disabled={shownCount === 0} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>Select all</label>
    </span>
  );
}
