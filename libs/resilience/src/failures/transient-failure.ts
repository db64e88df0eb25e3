import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { DependencyTimeoutError } from './dependency-timeout.error.js';
import { GrpcStatus } from './grpc-status.js';

/** Decides whether an error is a transient failure of the dependency (retry it, count it). */
export type TransientFailureClassifier = (error: unknown) => boolean;

// Kept to "the dependency is unreachable, overloaded or too slow". See README "Error classification"
// for why ABORTED, INTERNAL and UNKNOWN are not here.
const TRANSIENT_GRPC_STATUSES: ReadonlySet<number> = new Set([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
]);

const TRANSIENT_NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // undici (Node's fetch) wraps these in TypeError('fetch failed', { cause }).
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const HTTP_NOT_IMPLEMENTED = 501;
const HTTP_REQUEST_TIMEOUT = 408;
const HTTP_TOO_MANY_REQUESTS = 429;
const MAX_CAUSE_DEPTH = 5;

/**
 * The default classifier. The first error in the `cause` chain that carries a code or a status
 * decides; validation, business and domain errors (anything else) are never transient.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof DependencyTimeoutError) return true;
  // The policy's own refusals and a caller's cancellation say nothing about the dependency's health.
  if (error instanceof BrokenCircuitError || error instanceof BulkheadRejectedError || error instanceof TaskCancelledError) {
    return false;
  }
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    const verdict = verdictOf(current);
    if (verdict !== undefined) return verdict;
    current = current['cause'];
  }
  return false;
}

/** `undefined` when this error carries nothing to judge by, so its cause is asked instead. */
function verdictOf(error: Record<string, unknown>): boolean | undefined {
  const { code } = error;
  // grpc-js ServiceError: a numeric status code.
  if (typeof code === 'number' && code in GrpcStatus) return TRANSIENT_GRPC_STATUSES.has(code);
  // Node.js system errors, and domain errors with string codes such as 'ORDER.NOT_FOUND'.
  if (typeof code === 'string') return TRANSIENT_NETWORK_ERROR_CODES.has(code);
  const status = typeof error['status'] === 'number' ? error['status'] : error['statusCode'];
  if (typeof status === 'number') return isTransientHttpStatus(status);
  return undefined;
}

function isTransientHttpStatus(status: number): boolean {
  if (status === HTTP_REQUEST_TIMEOUT || status === HTTP_TOO_MANY_REQUESTS) return true;
  return status >= 500 && status <= 599 && status !== HTTP_NOT_IMPLEMENTED;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
