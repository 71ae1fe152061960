import type { SourceKind, SyncState } from './status';

/** Words for each state; cards pair them with an icon and a colour, never colour alone. */
export const STATE_LABELS: Record<SyncState, string> = {
  healthy: 'Healthy',
  inProgress: 'In progress',
  warning: 'Warning',
  failed: 'Failed',
  paused: 'Paused',
  expired: 'Expired',
  overdue: 'Overdue',
  unknown: 'Unknown',
};

export const SOURCE_LABELS: Record<SourceKind, string> = {
  classic: 'SDS (classic)',
  industryData: 'SDS (new)',
};
