import { useState } from 'react';

import { Banner } from '@/components/Banner';
import { TokenError } from '@/lib/auth/auth-errors';
import { describeFailure } from '@/lib/errors/describe-failure';
import type { SourceCatalog } from '@/lib/sds/catalog';
import { SOURCE_LABELS } from '@/lib/sync-model/labels';

const DISMISSED_KEY = 'sds-sync-monitor:classic-retired-notice-dismissed';

const LIST_SUBJECTS = {
  classic: { noun: 'profile list', permission: 'EduAdministration.Read' },
  industryData: { noun: 'flow list', permission: 'IndustryData-InboundFlow.Read.All and IndustryData-Run.Read.All' },
} as const;

/**
 * Source-level messages: the retired classic API (once, dismissible), and a source whose
 * list cannot be read, for example because its permission has no admin consent, while
 * the other source keeps working.
 */
export function SourceNotices({ catalogs }: { catalogs: SourceCatalog[] }) {
  const [retiredDismissed, setRetiredDismissed] = useState(() => readDismissed());
  const classicRetired = catalogs.some((catalog) => catalog.source === 'classic' && catalog.retired !== null);

  const dismiss = () => {
    setRetiredDismissed(true);
    try {
      window.localStorage.setItem(DISMISSED_KEY, 'true');
    } catch {
      // Storage refused: the notice stays dismissed for this page only.
    }
  };

  return (
    <div className="notice-list">
      {classicRetired && !retiredDismissed ? (
        <Banner
          tone="info"
          title="SDS (classic) was retired by Microsoft"
          actions={
            <button type="button" className="button-secondary" onClick={dismiss}>
              Dismiss
            </button>
          }
        >
          <p>
            Microsoft retired the classic School Data Sync profile API on 31 December 2024, so this tenant has no classic
            sync profiles to show. The dashboard shows SDS (new) data from its inbound flows and runs instead.
          </p>
        </Banner>
      ) : null}
      {catalogs
        .filter((catalog) => (catalog.status === 'error' || isConsentMissing(catalog.error)) && !needsSignIn(catalog.error))
        .map((catalog) => {
          const description = describeFailure(catalog.error, LIST_SUBJECTS[catalog.source]);
          return (
            <Banner key={catalog.source} tone="warning" title={`${SOURCE_LABELS[catalog.source]} is unavailable`}>
              <p>
                {description.summary} {description.action}
              </p>
            </Banner>
          );
        })}
    </div>
  );
}

/** Consent is a source-wide problem even while the list from before it was withdrawn is shown. */
function isConsentMissing(error: unknown): boolean {
  return error instanceof TokenError && error.kind === 'consentRequired';
}

/** Tells whether only a new sign-in helps; that problem has its own banner, so no source notice repeats it. */
function needsSignIn(error: unknown): boolean {
  return error instanceof TokenError && error.needsSignIn;
}

function readDismissed(): boolean {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === 'true';
  } catch {
    return false;
  }
}
