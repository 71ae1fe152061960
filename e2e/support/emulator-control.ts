import { CONTROL_ORIGIN } from './environment';

/** One entry of the emulator's request log. */
export interface LoggedRequest {
  time: string;
  method: string;
  path: string;
  status: number;
  batchSize?: number;
}

/** Fault injection, as the emulator's control endpoint accepts it. */
export interface FaultSpec {
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  latencyMs?: number;
  hang?: boolean;
  /** Drops the connection, which the browser reports as a network error. */
  reset?: boolean;
  times?: number;
  insideBatch?: boolean;
}

/** The emulator's control endpoint, for tests: reset, clock, data and faults. */
export class EmulatorControl {
  constructor(private readonly origin = CONTROL_ORIGIN) {}

  reset(now?: Date): Promise<unknown> {
    return this.send('POST', '/_emulator/reset', now === undefined ? {} : { now: now.toISOString() });
  }

  setClock(now: Date): Promise<unknown> {
    return this.send('POST', '/_emulator/clock', { now: now.toISOString() });
  }

  advanceClock(milliseconds: number): Promise<unknown> {
    return this.send('POST', '/_emulator/clock', { advanceMs: milliseconds });
  }

  setProfileStatus(id: string, fields: Record<string, unknown>): Promise<unknown> {
    return this.send('POST', `/_emulator/classic/profiles/${id}/status`, fields);
  }

  deleteProfile(id: string): Promise<unknown> {
    return this.send('DELETE', `/_emulator/classic/profiles/${id}/status`);
  }

  addFault(fault: FaultSpec): Promise<unknown> {
    return this.send('POST', '/_emulator/faults', fault);
  }

  /** Adds the fault both for a plain request and for the same request inside a `$batch`. */
  async addItemFault(fault: Omit<FaultSpec, 'insideBatch'>): Promise<void> {
    await this.addFault({ ...fault, insideBatch: false });
    await this.addFault({ ...fault, insideBatch: true });
  }

  clearFaults(): Promise<unknown> {
    return this.send('DELETE', '/_emulator/faults');
  }

  setConsent(scopes: string[]): Promise<unknown> {
    return this.send('POST', '/_emulator/consent', { scopes });
  }

  setClassicRetired(mode: 'badRequestSegment' | 'notFound' | 'emptyList' | null): Promise<unknown> {
    return this.send('POST', '/_emulator/classic/retired', { mode });
  }

  industryData(action: string, body: Record<string, unknown> = {}): Promise<unknown> {
    return this.send('POST', `/_emulator/industry-data/${action}`, body);
  }

  async requests(): Promise<LoggedRequest[]> {
    return (await this.send('GET', '/_emulator/requests')) as LoggedRequest[];
  }

  clearRequests(): Promise<unknown> {
    return this.send('DELETE', '/_emulator/requests');
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator control ${method} ${path} failed with ${response.status}: ${text}`);
    }
    return text === '' ? null : (JSON.parse(text) as unknown);
  }
}
