import type { ResilienceModuleOptions } from '@shop/resilience';
import type { Config } from '../../config.js';

/** The resilience policy's name for the card gateway: in logs and in the `dependency` metric label. */
export const PAYMENT_GATEWAY_POLICY = 'payment-gateway';

/** The `payment-gateway` policy from the configuration (defaults in config.ts, reasons in the README). */
export function paymentGatewayPolicies(config: Config): ResilienceModuleOptions {
  return {
    policies: {
      [PAYMENT_GATEWAY_POLICY]: {
        deadlineMs: config.PAYMENT_GATEWAY_DEADLINE_MS,
        // Every gateway call is a write; reads get the same budget should one ever be added.
        attemptTimeout: { readMs: config.PAYMENT_GATEWAY_TIMEOUT_MS, writeMs: config.PAYMENT_GATEWAY_TIMEOUT_MS },
        retry: {
          maxAttempts: config.PAYMENT_GATEWAY_MAX_ATTEMPTS,
          initialDelayMs: config.PAYMENT_GATEWAY_RETRY_DELAY_MS,
          // Uncapped in practice: the deadline bounds every backoff anyway.
          maxDelayMs: Math.max(config.PAYMENT_GATEWAY_RETRY_DELAY_MS, config.PAYMENT_GATEWAY_DEADLINE_MS),
        },
        circuitBreaker: {
          failureThreshold: config.PAYMENT_GATEWAY_BREAKER_THRESHOLD,
          openDurationMs: config.PAYMENT_GATEWAY_BREAKER_OPEN_MS,
          maxOpenDurationMs: 2 * config.PAYMENT_GATEWAY_BREAKER_OPEN_MS,
        },
      },
    },
  };
}
