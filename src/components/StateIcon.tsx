import type { SyncState } from '@/lib/sync-model/status';

/**
 * A distinct shape per state (check, arrows, triangle, octagon, bars, hourglass, clock,
 * question mark), so that states differ without colour. Decorative: the label next to it
 * carries the meaning for assistive technology.
 */
export function StateIcon({ state }: { state: SyncState }) {
  return (
    <svg className="state-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      {SHAPES[state]}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const SHAPES: Record<SyncState, React.ReactNode> = {
  healthy: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M7 12.5l3.2 3.2L17 9" {...stroke} />
    </>
  ),
  inProgress: (
    <>
      <path d="M20 12a8 8 0 0 1-13.7 5.6M4 12a8 8 0 0 1 13.7-5.6" {...stroke} />
      <path d="M18 3v4h-4M6 21v-4h4" {...stroke} />
    </>
  ),
  warning: (
    <>
      <path d="M12 3L2 21h20L12 3z" {...stroke} />
      <path d="M12 10v5M12 18h.01" {...stroke} />
    </>
  ),
  failed: (
    <>
      <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" {...stroke} />
      <path d="M9 9l6 6M15 9l-6 6" {...stroke} />
    </>
  ),
  paused: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M10 8v8M14 8v8" {...stroke} />
    </>
  ),
  expired: (
    <>
      <path d="M6 2h12M6 22h12M7 2c0 6 10 6 10 10S7 16 7 22M17 2c0 6-10 6-10 10s10 4 10 10" {...stroke} />
    </>
  ),
  overdue: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M12 6v6l4 2" {...stroke} />
    </>
  ),
  unknown: (
    <>
      <circle cx="12" cy="12" r="10" {...stroke} />
      <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17h.01" {...stroke} />
    </>
  ),
};
