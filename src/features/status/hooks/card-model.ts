import { describeFailure, type FailureSubject } from '@/lib/errors/describe-failure';
import { GraphError } from '@/lib/graph/graph-error';
import type { RetryHold } from '@/lib/polling/poll-scheduler';

import type { StatusCardViewProps } from '../components/StatusCardView';

/** A card ready to render, without the clock and retry wiring that the board adds. */
export type CardModel = Omit<StatusCardViewProps, 'now'> & { key: string };

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
