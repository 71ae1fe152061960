import type { AuthProblemKind } from './auth-errors';

/** A sign-in problem that stops polling until the admin signs in again. */
export interface SessionProblem {
  /** `tokenRejected`: Graph refused a freshly renewed token, which points at a wrong client clock. */
  kind: Exclude<AuthProblemKind, 'consentRequired' | 'failed'> | 'tokenRejected';
  msalCode: string | null;
  /** Epoch ms of the first failure. */
  since: number;
}

type Listener = () => void;

/**
 * The dashboard-wide sign-in state, outside React so that query functions can report to
 * it and `useSyncExternalStore` can read it. Only the first problem is kept, so a hundred
 * failing queries produce one banner, dated at the first failure.
 */
export class SessionStore {
  private problem: SessionProblem | null = null;
  private readonly listeners = new Set<Listener>();

  getSnapshot = (): SessionProblem | null => this.problem;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  report(problem: SessionProblem): void {
    if (this.problem !== null) {
      return;
    }
    this.problem = problem;
    this.notify();
  }

  clear(): void {
    if (this.problem === null) {
      return;
    }
    this.problem = null;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}
