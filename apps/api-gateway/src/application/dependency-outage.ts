import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, GrpcStatus } from '@shop/resilience';

/**
 * The dependency is down or too slow (as opposed to having answered "no"): unreachable, past its
 * deadline, or shed by our own circuit breaker or bulkhead. Cached data may stand in for it.
 */
export function isDependencyOutage(error: unknown): boolean {
  if (error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError || error instanceof DependencyTimeoutError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.DEADLINE_EXCEEDED;
}
