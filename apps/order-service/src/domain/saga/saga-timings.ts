/** How long the saga waits, and how often it tries again; from the service's configuration. */
export interface SagaTimings {
  /**
   * Silence after a command is sent before it is sent again (commands are idempotent); the wait
   * doubles after each further send, up to `resendMaxDelayMs`. Silence is an outage, not an answer.
   */
  readonly resendInitialDelayMs: number;
  readonly resendMaxDelayMs: number;
  /**
   * The business deadline: how long after the order was placed a participant's silence before the
   * pivot (stock reserved, payment authorized) cancels the order. Minutes, so that ordinary
   * outages (a restart, a broker failover) delay orders without cancelling them.
   */
  readonly silenceDeadlineMs: number;
  /** Wait after the first send of the compensation commands; doubles after each further send. */
  readonly compensationRetryInitialDelayMs: number;
  readonly compensationRetryMaxDelayMs: number;
  /** Sends of the compensation commands before the saga is parked in FAILED_COMPENSATION. */
  readonly maxCompensationAttempts: number;
}

/** How long to wait for a reply after the `attempt`-th send (1-based) of a forward step's commands. */
function resendDelayMs(timings: SagaTimings, attempt: number): number {
  return doubling(timings.resendInitialDelayMs, timings.resendMaxDelayMs, attempt);
}

/** How long to wait for acknowledgements after the `attempt`-th send (1-based) of the compensations. */
export function compensationRetryDelayMs(timings: SagaTimings, attempt: number): number {
  return doubling(timings.compensationRetryInitialDelayMs, timings.compensationRetryMaxDelayMs, attempt);
}

function doubling(initialMs: number, maxMs: number, attempt: number): number {
  return Math.min(initialMs * 2 ** Math.max(0, attempt - 1), maxMs);
}

export function later(now: Date, delayMs: number): Date {
  return new Date(now.getTime() + delayMs);
}

/**
 * When the `attempt`-th send (1-based) of a forward step's commands is followed by the next: the
 * re-send delay after `now`, but never past the business deadline (`giveUpAt`, null after the pivot),
 * so a saga gives up on time.
 */
export function nextSendAt(now: Date, timings: SagaTimings, attempt: number, giveUpAt: Date | null): Date {
  const next = later(now, resendDelayMs(timings, attempt));
  return giveUpAt !== null && giveUpAt.getTime() < next.getTime() ? giveUpAt : next;
}
