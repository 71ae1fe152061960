// The classic SDS data of the emulated tenant and how it changes over emulator time. Everything is
// dated relative to t0, the emulator time of the last reset, so cards change within minutes of a
// demo (emulator/README.md describes the story):
//   CSV 2024     inProgress until t0+2 min, then success with a new last sync time
//   OneRoster    success until t0+3 min, then validationError with 4 errors
//   PowerSchool  extracting until t0+1 min, validating until t0+4 min, then success
//   Tailspin     error with no successful sync ever; the archived profile paused;
//                the sandbox pilot quarantined with 312 errors
import { createHash } from 'node:crypto';
import { formatEdmDate, formatGraphDateTime, formatSecondsDateTime } from '../core/time-format.mjs';
import { classicProfileDefinitions, generatedProfileDefinition, PROFILE_IDS } from './classic-profiles.mjs';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Maximum number of profiles one generate request may add. */
export const MAX_GENERATED_PROFILES = 2000;

const STATUS_FIELDS = ['status', 'errorCount', 'statusMessage', 'lastSynchronizationDateTime', 'lastActivityDateTime'];

function hourlyMessage(processed, updated) {
  return `Processed ${processed} in the last hour.\r\nUpdated ${updated} in the last hour.`;
}

/** Derives a GUID-shaped, upper-case id from `seed`, so error ids stay the same across resets. */
function stableErrorId(seed) {
  const hex = createHash('sha1').update(seed).digest('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function syncError(profileId, index, fields, recordedAtMs) {
  return {
    id: stableErrorId(`${profileId}:${index}`),
    entryType: fields.entryType,
    errorCode: fields.errorCode,
    errorMessage: fields.errorMessage,
    joiningValue: fields.joiningValue,
    recordedDateTime: formatSecondsDateTime(recordedAtMs),
    reportableIdentifier: fields.reportableIdentifier,
  };
}

function oneRosterErrors(startMs) {
  const entries = [
    {
      entryType: 'Student',
      errorCode: 'UnsynchronizableChange',
      errorMessage: 'No directory user matches this student, so the student could not be updated. Check the identity matching settings of the profile.',
      joiningValue: 'jordan.avery@northwind-district.example',
      reportableIdentifier: 'jordan.avery',
    },
    {
      entryType: 'Teacher',
      errorCode: 'UnsynchronizableChange',
      errorMessage: 'No directory user matches this teacher, so the teacher could not be updated. Check the identity matching settings of the profile.',
      joiningValue: 'morgan.ellis@northwind-district.example',
      reportableIdentifier: 'morgan.ellis',
    },
    {
      entryType: 'Section',
      errorCode: 'MissingRequiredField',
      errorMessage: "The section has no value in the required field 'SIS ID'.",
      joiningValue: 'NW-SEC-7731',
      reportableIdentifier: 'NW-SEC-7731',
    },
    {
      entryType: 'Student',
      errorCode: 'DuplicateEntry',
      errorMessage: 'Two or more students in the source data have this SIS ID.',
      joiningValue: 'NW-STU-204418',
      reportableIdentifier: 'NW-STU-204418',
    },
  ];
  return entries.map((fields, index) => syncError(PROFILE_IDS.oneRoster, index, fields, startMs + (12 + index * 6) * SECOND));
}

/** `count` errors of a few repeating kinds, recorded one every 7 seconds before `lastAtMs`. */
function repeatedErrors(profileId, count, lastAtMs, domain) {
  const kinds = [
    { entryType: 'Student', errorCode: 'UnsynchronizableChange', person: 'student' },
    { entryType: 'Teacher', errorCode: 'UnsynchronizableChange', person: 'teacher' },
    { entryType: 'Section', errorCode: 'MissingRequiredField' },
  ];
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length];
    const number = String(index + 1).padStart(4, '0');
    const fields = kind.person
      ? {
          entryType: kind.entryType,
          errorCode: kind.errorCode,
          errorMessage: `No directory user matches this ${kind.person}, so the ${kind.person} could not be updated. Check the identity matching settings of the profile.`,
          joiningValue: `${kind.person}.${number}@${domain}`,
          reportableIdentifier: `${kind.person}.${number}`,
        }
      : {
          entryType: kind.entryType,
          errorCode: kind.errorCode,
          errorMessage: "The section has no value in the required field 'SIS ID'.",
          joiningValue: `SEC-${number}`,
          reportableIdentifier: `SEC-${number}`,
        };
    return syncError(profileId, index, fields, lastAtMs - (count - 1 - index) * 7 * SECOND);
  });
}

/**
 * Timelines: each phase applies from `fromMs` after t0 (the first from the beginning of time).
 * Offsets of `lastSync` and `lastActivity` are relative to t0; `lastSync: null` means never synced.
 * `errors(t0Ms)` lists the phase's sync errors.
 */
function storyTimelines() {
  return {
    [PROFILE_IDS.csv2024]: {
      expirationOffsetMs: 200 * DAY,
      phases: [
        { fromMs: -Infinity, state: 'provisioned', status: 'inProgress', lastSync: -95 * MINUTE + 48 * SECOND, lastActivity: -MINUTE, errorCount: 0, statusMessage: hourlyMessage(1284, 37) },
        { fromMs: 2 * MINUTE, state: 'provisioned', status: 'success', lastSync: 2 * MINUTE, lastActivity: 2 * MINUTE, errorCount: 0, statusMessage: hourlyMessage(1291, 41) },
      ],
    },
    [PROFILE_IDS.oneRoster]: {
      expirationOffsetMs: 200 * DAY,
      phases: [
        { fromMs: -Infinity, state: 'provisioned', status: 'success', lastSync: -25 * MINUTE + 31 * SECOND, lastActivity: -25 * MINUTE + 31 * SECOND, errorCount: 0, statusMessage: hourlyMessage(0, 0) },
        { fromMs: 3 * MINUTE, state: 'provisioned', status: 'validationError', lastSync: -25 * MINUTE + 31 * SECOND, lastActivity: 3 * MINUTE + 40 * SECOND, errorCount: 4, statusMessage: hourlyMessage(412, 0), errors: (t0Ms) => oneRosterErrors(t0Ms + 3 * MINUTE) },
      ],
    },
    [PROFILE_IDS.powerSchool]: {
      expirationOffsetMs: 200 * DAY,
      phases: [
        { fromMs: -Infinity, state: 'provisioning', status: 'extracting', lastSync: null, lastActivity: -30 * SECOND, errorCount: 0, statusMessage: hourlyMessage(0, 0) },
        { fromMs: MINUTE, state: 'provisioning', status: 'validating', lastSync: null, lastActivity: MINUTE + 5 * SECOND, errorCount: 0, statusMessage: hourlyMessage(2211, 0) },
        { fromMs: 4 * MINUTE, state: 'provisioned', status: 'success', lastSync: 4 * MINUTE, lastActivity: 4 * MINUTE, errorCount: 0, statusMessage: hourlyMessage(2211, 2211) },
      ],
    },
    [PROFILE_IDS.tailspin]: {
      // Expires soon: a reason to look at it before it stops for good.
      expirationOffsetMs: 12 * DAY,
      phases: [
        {
          fromMs: -Infinity, state: 'provisioningFailed', status: 'error', lastSync: null, lastActivity: -2 * HOUR + 14 * SECOND, errorCount: 1, statusMessage: hourlyMessage(0, 0),
          errors: (t0Ms) => [
            syncError(PROFILE_IDS.tailspin, 0, {
              entryType: 'School',
              errorCode: 'ConnectionFailed',
              errorMessage: 'The roster server rejected the OAuth 1.0a signature. Check the consumer key and secret of the connection.',
              joiningValue: 'TSA-01',
              reportableIdentifier: 'Tailspin Academy',
            }, t0Ms - 2 * HOUR + 14 * SECOND),
          ],
        },
      ],
    },
    [PROFILE_IDS.archived]: {
      // Last school year's profile: its expiration date has passed.
      expirationOffsetMs: -40 * DAY,
      phases: [
        { fromMs: -Infinity, state: 'deleting', status: 'paused', lastSync: -16 * DAY + 55 * SECOND, lastActivity: -14 * DAY + 14 * SECOND, errorCount: 0, statusMessage: hourlyMessage(0, 0) },
      ],
    },
    [PROFILE_IDS.sandbox]: {
      expirationOffsetMs: 45 * DAY,
      phases: [
        {
          fromMs: -Infinity, state: 'deletionFailed', status: 'quarantined', lastSync: -4 * DAY + 40 * SECOND, lastActivity: -50 * MINUTE + 22 * SECOND, errorCount: 312, statusMessage: hourlyMessage(0, 0),
          errors: (t0Ms) => repeatedErrors(PROFILE_IDS.sandbox, 312, t0Ms - 50 * MINUTE + 22 * SECOND, 'sandbox.fabrikamschools.example'),
        },
      ],
    },
  };
}

const GENERATED_STATUSES = ['success', 'inProgress', 'success', 'error', 'validationError', 'success', 'paused', 'quarantined', 'extracting', 'validating'];
const GENERATED_ERROR_COUNTS = { error: 1, validationError: 3, quarantined: 25 };

function generatedTimeline(id, number) {
  const status = GENERATED_STATUSES[(number - 1) % GENERATED_STATUSES.length];
  const errorCount = GENERATED_ERROR_COUNTS[status] ?? 0;
  const lastActivity = -((number % 7) + 1) * MINUTE;
  return {
    expirationOffsetMs: 150 * DAY,
    phases: [
      {
        fromMs: -Infinity,
        state: 'provisioned',
        status,
        lastSync: status === 'error' ? null : -((number % 50) + 5) * MINUTE,
        lastActivity,
        errorCount,
        statusMessage: hourlyMessage(0, 0),
        errors: (t0Ms) => repeatedErrors(id, errorCount, t0Ms + lastActivity, 'fabrikamschools.example'),
      },
    ],
  };
}

/**
 * Creates the tenant's classic profiles for a reset at `t0Ms` (emulator time). Views take the
 * current emulator time, so the data follows the clock without timers.
 */
export function createClassicTenant({ t0Ms }) {
  const records = new Map();
  const timelines = storyTimelines();
  for (const definition of classicProfileDefinitions()) {
    records.set(definition.id.toLowerCase(), { definition, timeline: timelines[definition.id], override: null });
  }
  let generatedCount = 0;

  function phaseAt(record, nowMs) {
    const elapsedMs = nowMs - t0Ms;
    return record.timeline.phases.filter((phase) => phase.fromMs <= elapsedMs).at(-1) ?? record.timeline.phases[0];
  }

  function timelineStatus(record, nowMs) {
    const phase = phaseAt(record, nowMs);
    return {
      status: phase.status,
      lastSynchronizationDateTime: phase.lastSync === null ? null : formatGraphDateTime(t0Ms + phase.lastSync),
      lastActivityDateTime: formatGraphDateTime(t0Ms + phase.lastActivity),
      errorCount: phase.errorCount,
      statusMessage: phase.statusMessage,
    };
  }

  function timelineErrors(record, nowMs) {
    const phase = phaseAt(record, nowMs);
    return phase.errors ? phase.errors(t0Ms) : [];
  }

  const tenant = {
    t0Ms,

    /** Returns the profile records in list order. */
    list() {
      return [...records.values()];
    },

    /** Finds a profile record by id, ignoring case. */
    find(id) {
      return records.get(String(id).toLowerCase()) ?? null;
    },

    /** Returns the profile entity as Graph returns it (without `@odata.context`). */
    profile(record, nowMs) {
      const { definition } = record;
      const state = record.override?.state ?? phaseAt(record, nowMs).state;
      return {
        id: definition.id,
        displayName: definition.displayName,
        state,
        expirationDate: formatEdmDate(t0Ms + record.timeline.expirationOffsetMs),
        handleSpecialCharacterConstraint: definition.handleSpecialCharacterConstraint,
        dataProvider: definition.dataProvider,
        identitySynchronizationConfiguration: definition.identitySynchronizationConfiguration,
        licensesToAssign: definition.licensesToAssign,
      };
    },

    /** Returns the profileStatus fields (without `@odata.context` and `id`). */
    status(record, nowMs) {
      return record.override ? { ...record.override.status } : timelineStatus(record, nowMs);
    },

    /** Returns the profile's sync errors, oldest first. */
    errors(record, nowMs) {
      return record.override ? record.override.errors : timelineErrors(record, nowMs);
    },

    /**
     * Replaces a profile's timeline with fixed status values. Fields left out keep their value at
     * `nowMs`. Values are stored as given, so tests can send odd ones. A whole-number `errorCount`
     * also replaces the error list with that many errors.
     */
    overrideStatus(id, fields, nowMs) {
      const record = tenant.find(id);
      if (!record) return false;
      const unknown = Object.keys(fields).filter((name) => !STATUS_FIELDS.includes(name));
      if (unknown.length > 0) {
        throw new TypeError(`Unknown profileStatus field(s) ${unknown.join(', ')}; known fields: ${STATUS_FIELDS.join(', ')}.`);
      }
      const status = { ...tenant.status(record, nowMs), ...fields };
      const countIsWhole = Number.isInteger(fields.errorCount) && fields.errorCount >= 0 && fields.errorCount <= 10000;
      const errors = countIsWhole
        ? repeatedErrors(record.definition.id, fields.errorCount, nowMs, 'fabrikamschools.example')
        : tenant.errors(record, nowMs);
      record.override = { status, errors, state: tenant.profile(record, nowMs).state };
      return true;
    },

    remove(id) {
      return records.delete(String(id).toLowerCase());
    },

    /** Adds `count` generated CSV profiles after the existing ones and returns their ids. */
    generate(count) {
      if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_PROFILES) {
        throw new RangeError(`count must be a whole number from 1 to ${MAX_GENERATED_PROFILES}, got ${JSON.stringify(count)}.`);
      }
      const ids = [];
      for (let index = 0; index < count; index += 1) {
        generatedCount += 1;
        const id = stableErrorId(`generated-profile:${generatedCount}`).toLowerCase();
        records.set(id, {
          definition: generatedProfileDefinition(id, generatedCount),
          timeline: generatedTimeline(id, generatedCount),
          override: null,
        });
        ids.push(id);
      }
      return ids;
    },
  };
  return tenant;
}
