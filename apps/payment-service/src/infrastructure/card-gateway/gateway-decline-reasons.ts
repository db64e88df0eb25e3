import type { PaymentDeclineReason } from '@shop/contracts';
import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, isTransientFailure } from '@shop/resilience';
import type { SimulatedDeclineCode } from './card-gateway.simulator.js';

/** The gateway's own decline codes, in the system's bounded vocabulary. */
export function declineReasonOfCode(code: SimulatedDeclineCode): PaymentDeclineReason {
  switch (code) {
    case 'card_declined':
      return 'CARD_DECLINED';
    case 'invalid_token':
      return 'INVALID_PAYMENT_TOKEN';
  }
}

/**
 * What an authorization that failed to get an answer means for the order: nothing was authorized,
 * and the reason says why. Undefined for an error that is none of these (a bug, a refused request),
 * which the caller rethrows.
 */
export function declineReasonOfFailure(error: unknown): PaymentDeclineReason | undefined {
  // Checked first: a DependencyTimeoutError is also a TaskCancelledError, and transient.
  if (error instanceof DependencyTimeoutError) return 'GATEWAY_TIMEOUT';
  if (error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError) return 'GATEWAY_UNAVAILABLE';
  if (isTransientFailure(error)) return 'GATEWAY_UNAVAILABLE';
  return undefined;
}
