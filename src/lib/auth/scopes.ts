import type { SourceKind } from '@/lib/sync-model/status';

/** Delegated Graph permissions each source reads with; all need admin consent. */
export const SOURCE_SCOPES: Record<SourceKind, string[]> = {
  classic: ['https://graph.microsoft.com/EduAdministration.Read'],
  industryData: [
    'https://graph.microsoft.com/IndustryData-InboundFlow.Read.All',
    'https://graph.microsoft.com/IndustryData-Run.Read.All',
  ],
};

/**
 * Scopes requested at sign-in: only those of the first configured source, which the first
 * screen needs. Every other source gets its token silently afterwards, so one source
 * without consent does not block the other.
 */
export function signInScopes(sources: SourceKind[]): string[] {
  const first = sources[0] ?? 'classic';
  return SOURCE_SCOPES[first];
}
