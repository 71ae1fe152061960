import * as v from 'valibot';

import { SOURCE_KINDS, type SourceKind } from '@/lib/sync-model/status';

/** Smallest poll interval Graph's guidance tolerates for a dashboard like this one, in seconds. */
export const MIN_POLL_INTERVAL_SECONDS = 15;

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const httpsUrl = (expected: string) =>
  v.pipe(
    v.string(`Expected ${expected}.`),
    v.url(`Expected ${expected}.`),
    v.startsWith('https://', `Expected ${expected} starting with https://.`),
  );

const configSchema = v.strictObject(
  {
    clientId: v.pipe(
      v.string('Expected the application (client) ID of the app registration, a GUID.'),
      v.regex(GUID_PATTERN, 'Expected the application (client) ID of the app registration, a GUID.'),
    ),
    tenantId: v.optional(
      v.pipe(
        v.string('Expected the directory (tenant) ID, a GUID, or a verified domain name.'),
        v.regex(
          /^([0-9a-f-]{36}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i,
          'Expected the directory (tenant) ID, a GUID, or a verified domain name.',
        ),
      ),
    ),
    authority: v.optional(httpsUrl('a sign-in authority URL such as https://login.microsoftonline.com/<tenant-id>')),
    knownAuthorities: v.optional(
      v.array(v.string('Expected host names (host or host:port).'), 'Expected a list of host names.'),
    ),
    authorityMetadata: v.optional(
      v.pipe(
        v.string('Expected the OpenID configuration document as a JSON string.'),
        v.check(
          isOpenIdConfiguration,
          'Expected a JSON string with at least authorization_endpoint and token_endpoint.',
        ),
      ),
    ),
    graphBaseUrl: v.optional(httpsUrlOrLoopback('the Microsoft Graph root URL, such as https://graph.microsoft.com'), 'https://graph.microsoft.com'),
    pollIntervalSeconds: v.optional(
      v.pipe(
        v.number('Expected a number of seconds.'),
        v.integer('Expected a whole number of seconds.'),
        v.minValue(MIN_POLL_INTERVAL_SECONDS, `Expected at least ${MIN_POLL_INTERVAL_SECONDS} seconds.`),
        v.maxValue(86_400, 'Expected at most 86400 seconds (one day).'),
      ),
      60,
    ),
    requestTimeoutSeconds: v.optional(
      v.pipe(v.number('Expected a number of seconds.'), v.minValue(1, 'Expected at least 1 second.'), v.maxValue(300, 'Expected at most 300 seconds.')),
      30,
    ),
    sources: v.optional(
      v.pipe(
        v.array(v.picklist(SOURCE_KINDS, `Expected each source to be one of: ${SOURCE_KINDS.join(', ')}.`)),
        v.minLength(1, `Expected at least one of: ${SOURCE_KINDS.join(', ')}.`),
      ),
      [...SOURCE_KINDS],
    ),
    overdueGraceMinutes: v.optional(
      v.pipe(v.number('Expected a number of minutes.'), v.minValue(0, 'Expected 0 or more minutes.')),
      60,
    ),
    expiryWarningDays: v.optional(
      v.pipe(v.number('Expected a number of days.'), v.minValue(0, 'Expected 0 or more days.')),
      30,
    ),
    batchRequests: v.optional(v.boolean('Expected true or false.'), true),
    exposeDiagnostics: v.optional(v.boolean('Expected true or false.'), false),
    allowedHostOrigins: v.optional(
      v.array(
        v.pipe(v.string(), v.url('Expected origins such as https://intranet.example.org.')),
        'Expected a list of origins.',
      ),
      [],
    ),
  },
  (issue) =>
    issue.received === 'undefined'
      ? 'Missing. This setting is required.'
      : issue.expected === 'never'
        ? 'Unknown setting. Remove it or check its spelling.'
        : 'Expected an object with the settings as keys.',
);

function isOpenIdConfiguration(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as Record<string, unknown>).authorization_endpoint === 'string' &&
      typeof (parsed as Record<string, unknown>).token_endpoint === 'string'
    );
  } catch {
    return false;
  }
}

function httpsUrlOrLoopback(expected: string) {
  return v.pipe(
    v.string(`Expected ${expected}.`),
    v.url(`Expected ${expected}.`),
    v.check(
      (value) => value.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(value),
      `Expected ${expected}, on https:// (plain http:// is accepted only for localhost).`,
    ),
  );
}

/** Deployment settings after validation, with defaults applied. */
export interface AppConfig {
  clientId: string;
  /** Authority URL MSAL signs in against, from `authority` or built from `tenantId`. */
  authority: string;
  knownAuthorities: string[];
  /** Raw OpenID configuration JSON that saves MSAL the discovery request, when set. */
  authorityMetadata: string | undefined;
  /** Graph root without a trailing slash and without the API version. */
  graphBaseUrl: string;
  pollIntervalSeconds: number;
  requestTimeoutSeconds: number;
  sources: SourceKind[];
  overdueGraceMinutes: number;
  expiryWarningDays: number;
  /** Send polls that fall due together as Graph `$batch` calls. */
  batchRequests: boolean;
  /** Publish request and cache counters on `window.sdsSyncMonitorDiagnostics`, for benchmarks. */
  exposeDiagnostics: boolean;
  allowedHostOrigins: string[];
}

/** One invalid or missing setting, as the configuration error page lists it. */
export interface ConfigIssue {
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; issues: ConfigIssue[] };

const MICROSOFT_AUTHORITY_HOST = 'login.microsoftonline.com';

/** Validates the parsed contents of config.json and applies defaults. */
export function parseConfig(input: unknown): ConfigResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ key: '(file)', message: 'Expected a JSON object with the settings as keys.' }] };
  }

  const result = v.safeParse(configSchema, input);
  const record = input as Record<string, unknown>;
  const tenantMissing = record.tenantId === undefined && record.authority === undefined;
  const tenantIssue: ConfigIssue = { key: 'tenantId', message: 'Missing. Set tenantId (the directory ID) or authority.' };
  if (!result.success) {
    const issues = result.issues.map((issue) => ({
      key: v.getDotPath(issue) ?? '(file)',
      message: issue.message,
    }));
    return { ok: false, issues: mergeIssuesByKey(tenantMissing ? [...issues, tenantIssue] : issues) };
  }

  const raw = result.output;
  if (tenantMissing) {
    return { ok: false, issues: [tenantIssue] };
  }

  const authority = (raw.authority ?? `https://${MICROSOFT_AUTHORITY_HOST}/${raw.tenantId ?? ''}`).replace(/\/+$/, '');
  const authorityHost = new URL(authority).host;
  const knownAuthorities = raw.knownAuthorities ?? (authorityHost === MICROSOFT_AUTHORITY_HOST ? [] : [authorityHost]);

  return {
    ok: true,
    config: {
      clientId: raw.clientId,
      authority,
      knownAuthorities,
      authorityMetadata: raw.authorityMetadata,
      graphBaseUrl: raw.graphBaseUrl.replace(/\/+$/, ''),
      pollIntervalSeconds: raw.pollIntervalSeconds,
      requestTimeoutSeconds: raw.requestTimeoutSeconds,
      sources: [...new Set(raw.sources)],
      overdueGraceMinutes: raw.overdueGraceMinutes,
      expiryWarningDays: raw.expiryWarningDays,
      batchRequests: raw.batchRequests,
      exposeDiagnostics: raw.exposeDiagnostics,
      allowedHostOrigins: raw.allowedHostOrigins.map((origin) => new URL(origin).origin),
    },
  };
}

function mergeIssuesByKey(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Map<string, ConfigIssue>();
  for (const issue of issues) {
    if (!seen.has(issue.key)) {
      seen.set(issue.key, issue);
    }
  }
  return [...seen.values()];
}
