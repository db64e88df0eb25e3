import type { SagaTimings } from '../domain/saga/saga-timings.js';
import type { Config } from '../config.js';

/** Injection token of the saga's SagaTimings, built from the configuration. */
export const SAGA_TIMINGS = Symbol('SAGA_TIMINGS');

export function sagaTimingsFrom(config: Config): SagaTimings {
  return {
    resendInitialDelayMs: config.SAGA_RESEND_INITIAL_DELAY_MS,
    resendMaxDelayMs: config.SAGA_RESEND_MAX_DELAY_MS,
    silenceDeadlineMs: config.SAGA_SILENCE_DEADLINE_MS,
    compensationRetryInitialDelayMs: config.COMPENSATION_RETRY_INITIAL_DELAY_MS,
    compensationRetryMaxDelayMs: config.COMPENSATION_RETRY_MAX_DELAY_MS,
    maxCompensationAttempts: config.SAGA_MAX_COMPENSATION_ATTEMPTS,
  };
}
