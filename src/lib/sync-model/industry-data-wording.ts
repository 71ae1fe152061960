/** Sentences for an inbound flow's card: the newest run's message and notes on how the status was found. */

import { isIncluded, type FlowRunOutcome, type IncludedOutcome } from './industry-data-runs';
import { SKIPPED } from './industry-data-states';
import type { BlockingError } from './status';

/** Returns a plain sentence about the newest run that included the flow, or null when all went well. */
export function outcomeMessage(status: string, blockingError: BlockingError | null): string | null {
  switch (status) {
    case 'failed':
      return blockingError?.message ?? 'The newest run failed without an error message.';
    case SKIPPED:
      return 'The newest run skipped this flow.';
    case 'completedWithErrors':
      return 'The newest run completed with errors.';
    case 'completedWithWarnings':
      return 'The newest run completed with warnings.';
    default:
      return null;
  }
}

/** Explains fallbacks and gaps behind the status, one sentence each. */
export function outcomeNotes(context: {
  outcomes: readonly FlowRunOutcome[];
  decisive: IncludedOutcome | undefined;
  lastSuccess: IncludedOutcome | undefined;
  active: boolean;
  flowName: string;
}): string[] {
  const { outcomes, decisive, lastSuccess, active, flowName } = context;
  const notes: string[] = [];
  const newestIncluded = outcomes.find(isIncluded);
  const newestRun = outcomes[0];

  if (newestIncluded?.status === SKIPPED && decisive !== undefined) {
    notes.push('The newest run skipped this flow, so the status comes from an older run.');
  }

  if (decisive?.kind === 'run') {
    const reason = decisive.reason === 'forbidden' ? ' (access was denied)' : '';
    notes.push(`The status comes from the whole run, because its activity details could not be read${reason}.`);
  } else if (lastSuccess?.kind === 'run') {
    notes.push('The last successful sync comes from the whole run, because its activity details could not be read.');
  }

  if (outcomes.some((outcome) => outcome.kind === 'absent' && outcome.ambiguous)) {
    notes.push(
      `More than one flow is named "${flowName}", and the run activities carry no link to their flow, ` +
        'so runs in which this flow cannot be identified are left out.',
    );
  } else if (active && newestRun?.kind === 'absent') {
    notes.push('The newest run did not include this flow.');
  }
  return notes;
}
