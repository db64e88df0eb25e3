/** How long the saga waits, and how often it tries again; from the service's configuration. */
export interface SagaTimings {
  /** How long a forward step (reserve, authorize, confirm) may take before it counts as failed. */
  readonly stepTimeoutMs: number;
  /** Sends of the confirmation commands (commit, capture) before the saga gives up and compensates. */
  readonly maxConfirmationAttempts: number;
  /** Wait after the first send of the compensation commands; doubles after each further send. */
  readonly compensationRetryInitialDelayMs: number;
  readonly compensationRetryMaxDelayMs: number;
  /** Sends of the compensation commands before the saga is parked in FAILED_COMPENSATION. */
  readonly maxCompensationAttempts: number;
}

/** How long to wait for acknowledgements after the `attempt`-th send (1-based) of the compensations. */
export function compensationRetryDelayMs(timings: SagaTimings, attempt: number): number {
  const doubled = timings.compensationRetryInitialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(doubled, timings.compensationRetryMaxDelayMs);
}

export function later(now: Date, delayMs: number): Date {
  return new Date(now.getTime() + delayMs);
}
