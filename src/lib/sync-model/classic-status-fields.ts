import { InvalidTimestampError, parseGraphDateTime } from '../time/parse-timestamp';
import type { RawValues } from './status';

/** The profileStatus body after field-by-field checks. Invalid fields read as null. */
export interface ClassicStatusFields {
  status: string | null;
  lastSynchronization: Date | null;
  lastActivity: Date | null;
  errorCount: number | null;
  statusMessage: string | null;
  raw: RawValues;
  /** Names of the fields that were missing where required, of the wrong type, or unparseable. */
  invalidFields: string[];
  notes: string[];
}

const INTEGER_TEXT = /^\d+$/;

/** Checks each field of a raw profileStatus body without trusting its shape. */
export function readClassicStatusFields(body: unknown): ClassicStatusFields {
  const fields: ClassicStatusFields = {
    status: null,
    lastSynchronization: null,
    lastActivity: null,
    errorCount: null,
    statusMessage: null,
    raw: {},
    invalidFields: [],
    notes: [],
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fields.invalidFields.push('profileStatus');
    fields.notes.push('The profile status response is not a JSON object, so no status could be read.');
    return fields;
  }

  const record = body as Record<string, unknown>;
  for (const name of ['status', 'lastSynchronizationDateTime', 'lastActivityDateTime', 'errorCount', 'statusMessage']) {
    if (name in record) {
      fields.raw[name] = toRawValue(record[name]);
    }
  }
  const reject = (name: string, problem: string): null => {
    const value = record[name];
    fields.invalidFields.push(name);
    fields.notes.push(
      value === undefined ? `The field ${name} is missing.` : `The field ${name} ${problem}: ${JSON.stringify(value)}.`,
    );
    return null;
  };

  const status = record.status;
  if (typeof status === 'string' && status !== '') {
    fields.status = status;
  } else {
    reject('status', 'is empty or not a text value');
  }
  fields.lastSynchronization = readTimestamp(record, 'lastSynchronizationDateTime', reject);
  fields.lastActivity = readTimestamp(record, 'lastActivityDateTime', reject);

  // Graph sends Int64 as a string when the client asks for IEEE754Compatible=true.
  const errorCount = record.errorCount;
  if (typeof errorCount === 'number' && Number.isInteger(errorCount) && errorCount >= 0) {
    fields.errorCount = errorCount;
  } else if (typeof errorCount === 'string' && INTEGER_TEXT.test(errorCount)) {
    fields.errorCount = Number(errorCount);
  } else if (errorCount !== null && errorCount !== undefined) {
    reject('errorCount', 'is not a whole number');
  }

  const message = record.statusMessage;
  if (typeof message === 'string') {
    fields.statusMessage = message;
  } else if (message !== null && message !== undefined) {
    reject('statusMessage', 'is not a text value');
  }
  return fields;
}

function readTimestamp(
  record: Record<string, unknown>,
  name: string,
  reject: (name: string, problem: string) => null,
): Date | null {
  try {
    return parseGraphDateTime(record[name]);
  } catch (error) {
    if (error instanceof InvalidTimestampError) {
      return reject(name, 'is not a valid timestamp');
    }
    throw error;
  }
}

/** Keeps JSON scalars as they are and writes anything else as JSON text. */
export function toRawValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value) ?? String(value);
}
