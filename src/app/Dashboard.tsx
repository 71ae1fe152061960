import type { AccountInfo } from '@azure/msal-browser';
import { useCallback, useState } from 'react';

import { useViewParams } from '@/config/view-context';
import { withParams } from '@/config/url-params';
import { ItemPicker } from '@/features/profiles/components/ItemPicker';
import { useWatchSelection } from '@/features/profiles/hooks/use-watch-selection';
import { KioskBoard } from '@/features/status/components/KioskBoard';
import { StatusBoard } from '@/features/status/components/StatusBoard';
import { summarizeStates, type HostBridge } from '@/lib/embedding/host-bridge';
import { useCatalog } from '@/lib/sds/catalog';
import type { SyncState } from '@/lib/sync-model/status';
import { useNow } from '@/lib/time/use-now';

import { PollingController } from './PollingController';
import { SessionBanner } from './SessionBanner';
import { SourceNotices } from './SourceNotices';

/** The signed-in page: sign-in problems, the picker, and one card per watched item. */
export function Dashboard({ account, hostBridge }: { account: AccountInfo; hostBridge: HostBridge }) {
  const view = useViewParams();
  const catalogs = useCatalog();
  const selection = useWatchSelection(account.tenantId, account.homeAccountId, view.profiles);
  const now = useNow();
  const mode = view.view ?? 'full';
  // Open at first when nothing is watched yet; afterwards only the admin opens or closes it.
  const [pickerOpen, setPickerOpen] = useState(() => selection.keys.length === 0);
  // The compact view leaves the picker out, unless it opened with nothing to show.
  const [showPicker] = useState(() => mode === 'full' || selection.keys.length === 0);
  const publishStates = useCallback((states: SyncState[]) => hostBridge.publishSummary(summarizeStates(states)), [hostBridge]);
  const address = withParams(window.location.href, { profiles: selection.keys.join(','), view: mode });

  if (mode === 'kiosk') {
    return (
      <>
        <PollingController />
        <SessionBanner account={account} address={address} kiosk />
        <KioskBoard keys={selection.keys} catalogs={catalogs} now={now} onStatesChange={publishStates} />
      </>
    );
  }

  return (
    <>
      <h1 className="visually-hidden">SDS Sync Monitor dashboard</h1>
      <PollingController />
      <SessionBanner account={account} address={address} kiosk={false} />
      <SourceNotices catalogs={catalogs} />
      {!selection.saved ? (
        <p className="form-error" role="alert">
          Your choice could not be saved in this browser (storage is full or disabled). It applies until you close the
          tab.
        </p>
      ) : null}
      {selection.origin === 'url' ? (
        <p className="view-note" role="status">
          Showing the items named in this page’s address. Your saved choice is unchanged until you edit the list.
        </p>
      ) : null}

      {showPicker ? (
        <details className="picker-panel" open={pickerOpen} onToggle={(event) => setPickerOpen(event.currentTarget.open)}>
          <summary>Choose what to watch ({selection.keys.length} selected)</summary>
          <ItemPicker catalogs={catalogs} selectedKeys={selection.keys} onChange={selection.setKeys} />
        </details>
      ) : null}

      {selection.keys.length === 0 ? (
        <p className="empty-board">Nothing is watched yet. Tick the profiles and flows you want to watch in the list above.</p>
      ) : (
        <StatusBoard keys={selection.keys} catalogs={catalogs} now={now} onStatesChange={publishStates} />
      )}
    </>
  );
}
