/**
 * Adapter for SDS (classic) sync profiles: `/education/synchronizationProfiles` and their
 * `profileStatus`, from the Graph beta contract as last published before its retirement.
 */

import { InvalidTimestampError, parseGraphDate } from '../time/parse-timestamp';
import { readClassicStatusFields, toRawValue } from './classic-status-fields';
import { classifyExpiry } from './expiry';
import { profileStateFactors, statusFactor } from './classic-states';
import { worstFactor, type StateFactor } from './state-factors';
import type { Expiry, SyncStatus } from './status';

/** `educationSynchronizationDataProvider`. Only `@odata.type` is read. */
export interface ClassicDataProvider {
  '@odata.type'?: string;
  [property: string]: unknown;
}

export interface ClassicLicenseAssignment {
  appliesTo: string;
  skuIds: string[];
}

/** `educationSynchronizationProfile`. */
export interface ClassicProfile {
  id: string;
  displayName: string;
  /** `educationSynchronizationProfileState`, such as `provisioned`. */
  state?: string | null;
  /** Edm.Date `YYYY-MM-DD`. */
  expirationDate?: string | null;
  dataProvider?: ClassicDataProvider | null;
  handleSpecialCharacterConstraint?: boolean;
  identitySynchronizationConfiguration?: Record<string, unknown> | null;
  licensesToAssign?: ClassicLicenseAssignment[];
}

/** `educationSynchronizationProfileStatus` as the contract describes it. */
export interface ClassicProfileStatus {
  id: string;
  /** `educationSynchronizationStatus`, such as `success`. */
  status: string;
  lastSynchronizationDateTime: string | null;
  lastActivityDateTime: string | null;
  errorCount: number;
  statusMessage: string | null;
}

/** One page of `GET /education/synchronizationProfiles`. */
export interface ClassicProfileList {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  value: ClassicProfile[];
}

const PROVIDER_LABELS = new Map([
  ['educationcsvdataprovider', 'CSV'],
  ['educationonerosterapidataprovider', 'OneRoster'],
  ['educationpowerschooldataprovider', 'PowerSchool'],
]);

/**
 * Returns a short name for the profile's data provider, such as "OneRoster". The namespace
 * and `#` are ignored because the docs spell `@odata.type` several ways.
 */
export function providerLabel(profile: ClassicProfile): string {
  const type = profile.dataProvider?.['@odata.type'];
  if (typeof type !== 'string' || type.trim() === '') {
    return 'Unknown provider';
  }

  const typeName = type.trim().replace(/^#/, '').split('.').pop() ?? type;
  return PROVIDER_LABELS.get(typeName.toLowerCase()) ?? typeName;
}

/** Builds the card status of a classic profile from its raw profileStatus body. */
export function classicStatus(input: {
  profile: ClassicProfile | undefined;
  status: unknown;
  now: Date;
  expiryWarningDays: number;
}): SyncStatus {
  const { profile, now, expiryWarningDays } = input;
  const fields = readClassicStatusFields(input.status);
  const notes = [...fields.notes];
  const factors: StateFactor[] = [];

  if (profile === undefined) {
    notes.push('The profile details could not be read, so its state and expiration were not checked.');
  } else {
    factors.push(...profileStateFactors(profile.state));
  }

  if (fields.status !== null) {
    factors.push(statusFactor(fields.status, fields.errorCount));
  }

  let expiry: Expiry | null = null;
  try {
    const expirationDate = parseGraphDate(profile?.expirationDate);
    expiry = expirationDate === null ? null : classifyExpiry(expirationDate, now, expiryWarningDays);
  } catch (error) {
    if (!(error instanceof InvalidTimestampError)) {
      throw error;
    }
    fields.invalidFields.push('expirationDate');
    notes.push(`The profile's expirationDate is not a valid date: ${JSON.stringify(error.value)}.`);
  }
  if (expiry?.state === 'expired') {
    factors.push({ state: 'expired', detail: null });
  }

  if (fields.invalidFields.length > 0) {
    factors.push({ state: 'unknown', detail: `invalid ${fields.invalidFields.join(', ')}` });
  }

  const decisive = worstFactor(factors);
  return {
    state: decisive.state,
    stateDetail: decisive.detail,
    lastSuccessfulSync: fields.lastSynchronization,
    lastActivity: fields.lastActivity,
    errorCount: fields.errorCount,
    warningCount: null,
    message: fields.statusMessage,
    blockingError: null,
    notes,
    raw: {
      ...fields.raw,
      profileState: toRawValue(profile?.state),
      expirationDate: toRawValue(profile?.expirationDate),
    },
    expiry,
  };
}
