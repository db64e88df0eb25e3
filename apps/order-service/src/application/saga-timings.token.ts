import type { SagaTimings } from '../domain/saga/saga-timings.js';
import type { Config } from '../config.js';

/** Injection token of the saga's SagaTimings, built from the configuration. */
export const SAGA_TIMINGS = Symbol('SAGA_TIMINGS');

export function sagaTimingsFrom(config: Config): SagaTimings {
  return {
    stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS,
    maxConfirmationAttempts: config.SAGA_MAX_CONFIRMATION_ATTEMPTS,
    compensationRetryInitialDelayMs: config.COMPENSATION_RETRY_INITIAL_DELAY_MS,
    compensationRetryMaxDelayMs: config.COMPENSATION_RETRY_MAX_DELAY_MS,
    maxCompensationAttempts: config.SAGA_MAX_COMPENSATION_ATTEMPTS,
  };
}
