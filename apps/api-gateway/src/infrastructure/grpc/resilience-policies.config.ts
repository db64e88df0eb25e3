import type { ResilienceModuleOptions } from '@shop/resilience';
import type { Config } from '../../config.js';
import type { Downstream } from './grpc-client-tokens.js';

/** One resilience policy per downstream gRPC service; the names are what the clients ask for. */
export const DOWNSTREAM_POLICY: Record<Downstream, string> = {
  user: 'user-grpc',
  order: 'order-grpc',
  inventory: 'inventory-grpc',
  notification: 'notification-grpc',
};

/**
 * The library defaults (3 attempts, breaker after 5 consecutive transient failures), with the
 * gateway's deadline and a bulkhead sized for a burst of customers: the default 20 + 20 would
 * turn the 41st concurrent checkout into a 503 while the order service is perfectly healthy.
 */
export function resiliencePoliciesFor(config: Config): ResilienceModuleOptions {
  const policy = { deadlineMs: config.GRPC_DEADLINE_MS, bulkhead: { maxConcurrent: 100, maxQueued: 200 } };
  const policies = Object.fromEntries(Object.values(DOWNSTREAM_POLICY).map((name) => [name, policy]));
  // Register and log-in hash a password on purpose slowly (scrypt): a burst of them queues on the
  // user service's CPU, so its calls get a deadline of their own.
  const auth = { ...policy, deadlineMs: config.USER_GRPC_DEADLINE_MS, attemptTimeout: { readMs: config.USER_GRPC_DEADLINE_MS, writeMs: config.USER_GRPC_DEADLINE_MS } };
  return { policies: { ...policies, [DOWNSTREAM_POLICY.user]: auth } };
}
