// Classic SDS in Graph beta: /education/synchronizationProfiles, one profile, its profileStatus and
// its errors, read-only, with paging, $select and the Prefer gate on evolvable enum members. A
// retired mode imitates what the service may return now that the API is switched off.
import { hasAnyScope } from './auth.mjs';
import { graphError, graphSuccess, unknownSegmentError } from './envelope.mjs';

export const RETIRED_MODES = new Set(['badRequestSegment', 'notFound', 'emptyList']);

const READ_SCOPES = ['EduAdministration.Read', 'EduAdministration.ReadWrite'];
/** Status members added after `unknownFutureValue`; sent only to callers that opt in. */
const EVOLVABLE_STATUSES = new Set(['extracting', 'validating']);
export const INCLUDE_UNKNOWN_ENUM_MEMBERS = 'include-unknown-enum-members';

// NOTE: page sizes are guesses; Graph documents neither for these collections.
const PAGE_SIZES = { profiles: 4, errors: 50 };
const MAX_PAGE_SIZE = 100;

/** Returns true when a Prefer header value requests `include-unknown-enum-members`. */
export function prefersUnknownEnumMembers(prefer) {
  return String(prefer ?? '')
    .split(',')
    .some((preference) => preference.trim().toLowerCase() === INCLUDE_UNKNOWN_ENUM_MEMBERS);
}

function parsePaging(query, defaultSize) {
  const parseOption = (name, minimum) => {
    const text = query.get(name);
    if (text === null) return { value: undefined };
    if (!/^\d+$/.test(text) || Number(text) < minimum) {
      return { error: graphError(400, 'BadRequest', `Invalid value '${text}' for query option ${name}: use a whole number of ${minimum} or more.`) };
    }
    return { value: Number(text) };
  };
  const top = parseOption('$top', 1);
  if (top.error) return top;
  const skip = parseOption('$skip', 0);
  if (skip.error) return skip;
  // NOTE: a $top above the maximum is clamped; Graph may also ignore or reject it.
  return { top: Math.min(top.value ?? defaultSize, MAX_PAGE_SIZE), skip: skip.value ?? 0 };
}

/** Builds the absolute nextLink: the request's own query options with `$top` and `$skip` of the next page. */
function nextLink(resourceUrl, query, top, skip) {
  const options = [...query.entries()]
    .filter(([name]) => name !== '$top' && name !== '$skip')
    .map(([name, value]) => `${encodeURIComponent(name).replace('%24', '$')}=${encodeURIComponent(value)}`);
  options.push(`$top=${top}`, `$skip=${skip}`);
  return `${resourceUrl}?${options.join('&')}`;
}

function selectProperties(entity, query) {
  const select = query.get('$select');
  if (!select) return entity;
  const selected = new Set(select.split(',').map((name) => name.trim()).filter(Boolean));
  return Object.fromEntries(
    Object.entries(entity).filter(([name]) => name === 'id' || name.startsWith('@odata.') || selected.has(name)),
  );
}

/**
 * Creates the handler. `getTenant()` returns the current classic tenant data and `getRetiredMode()`
 * the retired mode or null; both change on control requests.
 */
export function createClassicGraph({ getTenant, getRetiredMode }) {
  return {
    /**
     * Handles a request whose path starts with /education/synchronizationProfiles. `segments` are
     * the path segments after `synchronizationProfiles`. Returns a Graph result.
     */
    handle({ method, segments, query, prefer, baseUrl, caller, nowMs }) {
      const retiredMode = getRetiredMode();
      if (retiredMode === 'badRequestSegment') return unknownSegmentError('synchronizationProfiles');
      if (segments.length > 2 || (segments.length === 2 && !['profileStatus', 'errors'].includes(segments[1]))) {
        return unknownSegmentError(segments.length > 2 ? segments[2] : segments[1]);
      }

      if (retiredMode === 'notFound') {
        // NOTE: a guess at a retired resource, because the live service's response was not observed.
        return graphError(404, 'itemNotFound', 'The requested resource synchronizationProfiles does not exist.');
      }

      if (!caller.isAdministrator) {
        return graphError(403, 'accessDenied', 'The signed-in user has no administrator role that allows reading School Data Sync profiles.');
      }
      if (!hasAnyScope(caller, READ_SCOPES)) {
        return graphError(403, 'accessDenied', `The access token has none of the required scopes: ${READ_SCOPES.join(', ')}.`);
      }
      if (method !== 'GET') {
        // NOTE: the write operations need EduAdministration.ReadWrite; the emulator serves reads only.
        return graphError(405, 'MethodNotAllowed', `The emulator serves only GET on synchronizationProfiles, not ${method}.`);
      }

      const preferenceApplied = prefersUnknownEnumMembers(prefer) ? { 'Preference-Applied': INCLUDE_UNKNOWN_ENUM_MEMBERS } : {};
      const tenant = getTenant();
      const collectionUrl = `${baseUrl}/education/synchronizationProfiles`;

      if (segments.length === 0) {
        const paging = parsePaging(query, PAGE_SIZES.profiles);
        if (paging.error) return paging.error;
        const records = retiredMode === 'emptyList' ? [] : tenant.list();
        const page = records.slice(paging.skip, paging.skip + paging.top);
        const body = { '@odata.context': `${baseUrl}/$metadata#education/synchronizationProfiles` };
        if (query.get('$count') === 'true') body['@odata.count'] = records.length;
        if (paging.skip + paging.top < records.length) {
          body['@odata.nextLink'] = nextLink(collectionUrl, query, paging.top, paging.skip + paging.top);
        }
        body.value = page.map((record) => selectProperties(tenant.profile(record, nowMs), query));
        return graphSuccess(body, preferenceApplied);
      }

      const record = retiredMode ? null : tenant.find(segments[0]);
      if (!record) {
        return graphError(404, 'itemNotFound', `No synchronization profile has the id '${segments[0]}'.`);
      }
      const id = record.definition.id;

      if (segments.length === 1) {
        const body = {
          '@odata.context': `${baseUrl}/$metadata#education/synchronizationProfiles/$entity`,
          ...tenant.profile(record, nowMs),
        };
        return graphSuccess(selectProperties(body, query), preferenceApplied);
      }

      if (segments[1] === 'profileStatus') {
        const status = tenant.status(record, nowMs);
        if (EVOLVABLE_STATUSES.has(status.status) && !prefersUnknownEnumMembers(prefer)) {
          status.status = 'unknownFutureValue';
        }
        const body = {
          '@odata.context': `${baseUrl}/$metadata#education/synchronizationProfiles('${id}')/profileStatus/$entity`,
          id,
          ...status,
        };
        return graphSuccess(selectProperties(body, query), preferenceApplied);
      }

      const paging = parsePaging(query, PAGE_SIZES.errors);
      if (paging.error) return paging.error;
      const errors = tenant.errors(record, nowMs);
      const body = {
        '@odata.context': `${baseUrl}/$metadata#education/synchronizationProfiles('${id}')/errors`,
        // Graph's documented example carries the count without $count=true.
        '@odata.count': errors.length,
      };
      if (paging.skip + paging.top < errors.length) {
        body['@odata.nextLink'] = nextLink(`${collectionUrl}/${id}/errors`, query, paging.top, paging.skip + paging.top);
      }
      body.value = errors.slice(paging.skip, paging.skip + paging.top).map((error) => selectProperties(error, query));
      return graphSuccess(body, preferenceApplied);
    },
  };
}
