/** Facts about an inbound flow itself, apart from its runs: time window and raw values. */

import { InvalidTimestampError, parseGraphDateTime } from '../time/parse-timestamp';
import { classifyExpiry } from './expiry';
import type { InboundFlow } from './industry-data-types';
import type { StateFactor } from './state-factors';
import type { Expiry, RawValues } from './status';

export interface FlowWindow {
  expiry: Expiry | null;
  /** Whether `now` lies in the window in which the flow may run. */
  open: boolean;
  /** An `unknown` factor for each window field that could not be parsed. */
  factors: StateFactor[];
}

/** Reads the flow's effective and expiration times, adding a note for each invalid one. */
export function readFlowWindow(flow: InboundFlow, now: Date, expiryWarningDays: number, notes: string[]): FlowWindow {
  const factors: StateFactor[] = [];
  const read = (field: 'effectiveDateTime' | 'expirationDateTime'): Date | null => {
    try {
      return parseGraphDateTime(flow[field]);
    } catch (error) {
      if (!(error instanceof InvalidTimestampError)) {
        throw error;
      }
      notes.push(`The flow's ${field} is not a valid timestamp: ${JSON.stringify(error.value)}.`);
      factors.push({ state: 'unknown', detail: `invalid ${field}` });
      return null;
    }
  };

  const effective = read('effectiveDateTime');
  const expiration = read('expirationDateTime');
  const expiry = expiration === null ? null : classifyExpiry(expiration, now, expiryWarningDays);
  if (expiry?.state === 'expired') {
    factors.unshift({ state: 'expired', detail: null });
  }
  const started = effective === null || effective.getTime() <= now.getTime();
  return { expiry, open: started && expiry?.state !== 'expired', factors };
}

/** Values of the flow for the card's details view. */
export function flowRawValues(flow: InboundFlow): RawValues {
  const type = flow['@odata.type'];
  return {
    flowType: typeof type === 'string' ? (type.split('.').pop() ?? type) : null,
    readinessStatus: flow.readinessStatus,
    dataDomain: flow.dataDomain ?? null,
    effectiveDateTime: flow.effectiveDateTime ?? null,
    expirationDateTime: flow.expirationDateTime ?? null,
  };
}
