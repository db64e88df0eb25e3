import { BrokenCircuitError, BulkheadRejectedError, GrpcStatus } from '@shop/resilience';

// The order service answered with a refusal: it placed nothing.
const REFUSALS = new Set<number>([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.NOT_FOUND,
  GrpcStatus.ALREADY_EXISTS,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.UNAUTHENTICATED,
]);

/**
 * True when the order certainly was not placed, so the Idempotency-Key may be released for a
 * corrected request. A timeout or an outage is not certain (the order may exist without our
 * knowing): the key then stays bound to this body, and a retry of it is deduplicated downstream.
 */
export function refusedBeforePlacing(error: unknown): boolean {
  if (error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && REFUSALS.has(code);
}
