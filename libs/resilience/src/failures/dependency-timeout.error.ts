import { TaskCancelledError } from 'cockatiel';

/** Which budget ran out: one attempt's timeout, or the deadline of the whole call (all attempts). */
export type TimeoutScope = 'attempt' | 'deadline';

/**
 * The dependency did not answer in time. Unlike a bare cockatiel `TaskCancelledError` (which also
 * means "the caller gave up"), this one is the dependency's fault, so it counts against the circuit
 * breaker and may be retried. It still is a `TaskCancelledError` for code that checks for that.
 */
export class DependencyTimeoutError extends TaskCancelledError {
  override readonly name = 'DependencyTimeoutError';

  constructor(
    readonly dependency: string,
    readonly scope: TimeoutScope,
    readonly budgetMs: number,
  ) {
    super(`${dependency}: ${scope === 'deadline' ? 'call deadline' : 'attempt timeout'} of ${budgetMs} ms exceeded`);
  }
}
