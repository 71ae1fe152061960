import { describeFailure, type FailureSubject } from '@/lib/errors/describe-failure';
import { GraphError } from '@/lib/graph/graph-error';
import type { RetryHold } from '@/lib/polling/poll-scheduler';

import type { StatusCardViewProps } from '../components/StatusCardView';

/** A card ready to render, without the clock and retry wiring that the board adds. */
export type CardModel = Omit<StatusCardViewProps, 'now'> & { key: string };

/**
 * Returns the time at which a card's data is judged: now, unless the data is older than two
 * poll intervals. Old data is judged as of shortly after it was read, so a dashboard that
 * could not poll for days does not report the source as overdue or expired on that data.
 */
export function evaluationTime(now: Date, dataUpdatedAt: number, intervalMs: number): Date {
  if (dataUpdatedAt === 0) {
    return now;
  }
  return new Date(Math.min(now.getTime(), dataUpdatedAt + 2 * intervalMs));
}

/** Describes a failed poll for a card, or returns undefined when the poll succeeded. */
export function cardFailure(error: unknown, subject: FailureSubject, hold: RetryHold | undefined): StatusCardViewProps['failure'] {
  if (error === null || error === undefined) {
    return undefined;
  }
  return {
    description: describeFailure(error, subject),
    requestId: error instanceof GraphError ? error.requestId : null,
    clientRequestId: error instanceof GraphError ? error.clientRequestId : null,
    retryAt: hold?.at ?? null,
  };
}
