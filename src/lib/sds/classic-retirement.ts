import { GraphError } from '@/lib/graph/graph-error';

/**
 * How the classic profile list showed that the API is gone. Microsoft retired it on
 * 31 December 2024. Graph responds to a path it no longer knows with 400 BadRequest
 * "Resource not found for the segment …", and a tenant may also get 404 or an empty list.
 */
export type ClassicRetirement = 'unknownSegment' | 'notFound' | 'emptyList';

/** Judges retirement on the profile list (never per card); null while the list looks alive. */
export function classicRetirement(profiles: unknown[] | undefined, error: unknown): ClassicRetirement | null {
  if (profiles !== undefined && error === null) {
    return profiles.length === 0 ? 'emptyList' : null;
  }
  if (!(error instanceof GraphError) || error.kind !== 'http') {
    return null;
  }
  if (error.status === 404) {
    return 'notFound';
  }
  const segmentMessage = /resource not found for the segment/i.test(error.graphMessage ?? '');
  if (error.status === 400 && segmentMessage) {
    return 'unknownSegment';
  }
  return null;
}
