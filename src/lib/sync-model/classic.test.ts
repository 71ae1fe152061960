import { describe, expect, it } from 'vitest';
import { classicStatus, providerLabel, type ClassicProfile } from './classic';
import type { SyncState } from './status';

const NOW = new Date('2024-05-14T08:00:00Z');

function profile(overrides: Partial<ClassicProfile> = {}): ClassicProfile {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    displayName: 'Lakeside High - CSV',
    state: 'provisioned',
    expirationDate: '2024-12-31',
    dataProvider: { '@odata.type': '#microsoft.graph.educationCsvDataProvider' },
    ...overrides,
  };
}

function statusBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    status: 'success',
    lastSynchronizationDateTime: '2024-05-14T06:12:48.3391774Z',
    lastActivityDateTime: '2024-05-14T07:41:09.9120376Z',
    errorCount: 0,
    statusMessage: 'Processed 12 in the last hour.\r\nUpdated 3 in the last hour.',
    ...overrides,
  };
}

function run(status: unknown, profileOverrides: Partial<ClassicProfile> = {}, expiryWarningDays = 30) {
  return classicStatus({ profile: profile(profileOverrides), status, now: NOW, expiryWarningDays });
}

describe('providerLabel', () => {
  it.each([
    ['#microsoft.graph.educationCsvDataProvider', 'CSV'],
    ['#microsoft.graph.educationOneRosterApiDataProvider', 'OneRoster'],
    ['#microsoft.graph.educationPowerSchoolDataProvider', 'PowerSchool'],
    ['microsoft.graph.educationPowerSchoolDataProvider', 'PowerSchool'],
    ['#Microsoft.Education.DataSync.educationCsvDataProvider', 'CSV'],
    ['#microsoft.graph.educationSkywardDataProvider', 'educationSkywardDataProvider'],
    ['#customProvider', 'customProvider'],
  ])('labels %s as %s', (type, expected) => {
    expect(providerLabel(profile({ dataProvider: { '@odata.type': type } }))).toBe(expected);
  });

  it('says when the provider type is missing', () => {
    expect(providerLabel(profile({ dataProvider: {} }))).toBe('Unknown provider');
    expect(providerLabel(profile({ dataProvider: null }))).toBe('Unknown provider');
  });
});

describe('classicStatus status mapping', () => {
  it.each([
    ['success', 'healthy', null],
    ['inProgress', 'inProgress', null],
    ['extracting', 'inProgress', 'extracting'],
    ['validating', 'inProgress', 'validating'],
    ['paused', 'paused', null],
    ['error', 'failed', 'error'],
    ['validationError', 'failed', 'validation error'],
    ['quarantined', 'failed', 'quarantined'],
    ['unknownFutureValue', 'unknown', 'unknownFutureValue'],
    ['rebuilding', 'unknown', 'rebuilding'],
    ['constructor', 'unknown', 'constructor'],
  ] as [string, SyncState, string | null][])('maps %s to %s', (value, state, detail) => {
    const result = run(statusBody({ status: value }));

    expect(result.state).toBe(state);
    expect(result.stateDetail).toBe(detail);
    expect(result.raw.status).toBe(value);
  });

  it('turns a success with errors into a warning', () => {
    const result = run(statusBody({ errorCount: 3 }));

    expect(result.state).toBe('warning');
    expect(result.stateDetail).toBe('3 errors');
    expect(result.errorCount).toBe(3);
  });

  it('names a single error in the singular', () => {
    expect(run(statusBody({ errorCount: 1 })).stateDetail).toBe('1 error');
  });

  it('copies times, counts and the message', () => {
    const result = run(statusBody({ status: 'validationError', errorCount: 4 }));

    expect(result.lastSuccessfulSync?.toISOString()).toBe('2024-05-14T06:12:48.339Z');
    expect(result.lastActivity?.toISOString()).toBe('2024-05-14T07:41:09.912Z');
    expect(result.errorCount).toBe(4);
    expect(result.warningCount).toBeNull();
    expect(result.message).toBe('Processed 12 in the last hour.\r\nUpdated 3 in the last hour.');
    expect(result.blockingError).toBeNull();
    expect(result.notes).toEqual([]);
  });

  it('reads a never-synced profile as null', () => {
    const never = run(statusBody({ status: 'error', lastSynchronizationDateTime: null }));
    const year1 = run(statusBody({ lastSynchronizationDateTime: '0001-01-01T00:00:00Z' }));

    expect(never.lastSuccessfulSync).toBeNull();
    expect(year1.lastSuccessfulSync).toBeNull();
    expect(year1.state).toBe('healthy');
  });

  it('keeps the raw fields and profile values', () => {
    const result = run(statusBody({ status: 'paused' }), { state: 'deleting', expirationDate: '2024-09-30' });

    expect(result.raw).toEqual({
      status: 'paused',
      lastSynchronizationDateTime: '2024-05-14T06:12:48.3391774Z',
      lastActivityDateTime: '2024-05-14T07:41:09.9120376Z',
      errorCount: 0,
      statusMessage: 'Processed 12 in the last hour.\r\nUpdated 3 in the last hour.',
      profileState: 'deleting',
      expirationDate: '2024-09-30',
    });
  });

  it('accepts errorCount as Int64 text', () => {
    expect(run(statusBody({ errorCount: '12' })).errorCount).toBe(12);
  });
});

describe('classicStatus profile state', () => {
  it.each([
    ['provisioned', 'healthy', null],
    ['provisioningFailed', 'failed', 'provisioning failed'],
    ['deletionFailed', 'failed', 'deletion failed'],
    ['deleting', 'paused', 'being deleted'],
    ['provisioning', 'inProgress', 'being set up'],
    ['unknownFutureValue', 'unknown', 'unknownFutureValue'],
    ['archived', 'unknown', 'archived'],
  ] as [string, SyncState, string | null][])('maps %s to %s', (state, expected, detail) => {
    const result = run(statusBody(), { state });

    expect(result.state).toBe(expected);
    expect(result.stateDetail).toBe(detail);
  });

  it('prefers the profile state detail on a tie', () => {
    const result = run(statusBody({ status: 'error' }), { state: 'provisioningFailed' });

    expect(result.state).toBe('failed');
    expect(result.stateDetail).toBe('provisioning failed');
  });

  it('lets a worse status beat the profile state', () => {
    const result = run(statusBody({ status: 'quarantined' }), { state: 'deleting' });

    expect(result.state).toBe('failed');
    expect(result.stateDetail).toBe('quarantined');
  });

  it('lets a worse profile state beat the status', () => {
    const result = run(statusBody({ status: 'extracting' }), { state: 'deleting' });

    expect(result.state).toBe('paused');
    expect(result.stateDetail).toBe('being deleted');
  });

  it('notes a missing profile and uses the status alone', () => {
    const result = classicStatus({ profile: undefined, status: statusBody(), now: NOW, expiryWarningDays: 30 });

    expect(result.state).toBe('healthy');
    expect(result.expiry).toBeNull();
    expect(result.notes).toEqual([
      'The profile details could not be read, so its state and expiration were not checked.',
    ]);
    expect(result.raw.profileState).toBeNull();
  });
});

describe('classicStatus expiry', () => {
  it('marks a past expiration date as expired', () => {
    const result = run(statusBody(), { expirationDate: '2024-05-01' });

    expect(result.state).toBe('expired');
    expect(result.expiry).toEqual({ at: new Date('2024-05-01T00:00:00Z'), state: 'expired' });
  });

  it('expires at the start of the expiration date in UTC', () => {
    expect(run(statusBody(), { expirationDate: '2024-05-14' }).state).toBe('expired');
    expect(run(statusBody(), { expirationDate: '2024-05-15' }).state).toBe('healthy');
  });

  it('flags an expiration within the warning window without changing the state', () => {
    const result = run(statusBody(), { expirationDate: '2024-06-01' }, 30);

    expect(result.state).toBe('healthy');
    expect(result.expiry?.state).toBe('soon');
  });

  it('reports a distant expiration as later', () => {
    expect(run(statusBody(), { expirationDate: '2024-12-31' }, 30).expiry?.state).toBe('later');
  });

  it('lets a failure beat expiry', () => {
    const result = run(statusBody({ status: 'error' }), { expirationDate: '2024-05-01' });

    expect(result.state).toBe('failed');
  });

  it('lets expiry beat a warning', () => {
    const result = run(statusBody({ errorCount: 2 }), { expirationDate: '2024-05-01' });

    expect(result.state).toBe('expired');
  });

  it('treats a missing expiration date as none', () => {
    expect(run(statusBody(), { expirationDate: null }).expiry).toBeNull();
  });

  it('reports an invalid expiration date', () => {
    const result = run(statusBody(), { expirationDate: '31/12/2024' });

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid expirationDate');
    expect(result.notes).toContain('The profile\'s expirationDate is not a valid date: "31/12/2024".');
  });
});

describe('classicStatus invalid data', () => {
  it.each([null, 'success', 42, ['success']])('rejects the body %j', (body) => {
    const result = run(body);

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid profileStatus');
    expect(result.notes[0]).toContain('not a JSON object');
  });

  it('reports a missing status', () => {
    const body = statusBody();
    delete body.status;

    const result = run(body);

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid status');
    expect(result.notes).toEqual(['The field status is missing.']);
  });

  it.each([3, true, '', { value: 'success' }])('reports the wrong-typed status %j', (value) => {
    const result = run(statusBody({ status: value }));

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid status');
    expect(result.notes[0]).toContain('The field status is empty or not a text value');
  });

  it('reports an unparseable timestamp and keeps the other fields', () => {
    const result = run(statusBody({ lastSynchronizationDateTime: 'yesterday' }));

    expect(result.state).toBe('unknown');
    expect(result.stateDetail).toBe('invalid lastSynchronizationDateTime');
    expect(result.notes).toEqual(['The field lastSynchronizationDateTime is not a valid timestamp: "yesterday".']);
    expect(result.lastSuccessfulSync).toBeNull();
    expect(result.lastActivity?.toISOString()).toBe('2024-05-14T07:41:09.912Z');
    expect(result.raw.lastSynchronizationDateTime).toBe('yesterday');
  });

  it('lists every invalid field', () => {
    const result = run(statusBody({ lastActivityDateTime: 17, errorCount: -1, statusMessage: ['x'] }));

    expect(result.stateDetail).toBe('invalid lastActivityDateTime, errorCount, statusMessage');
    expect(result.notes).toHaveLength(3);
    expect(result.errorCount).toBeNull();
    expect(result.message).toBeNull();
    expect(result.raw.statusMessage).toBe('["x"]');
  });

  it('keeps a failure ahead of invalid fields', () => {
    const result = run(statusBody({ status: 'error', lastActivityDateTime: 'soon' }));

    expect(result.state).toBe('failed');
    expect(result.notes).toHaveLength(1);
  });
});
