/** gRPC status names by code: the bounded value set of the `rpc.response.status_code` label. */
const GRPC_STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

export type GrpcStatusName = (typeof GRPC_STATUS_NAMES)[number];

/**
 * The status a handler's error becomes on the wire, as Nest's gRPC server decides it: the numeric
 * `code` of the error, or of an RpcException's payload; anything else goes out as UNKNOWN.
 */
export function grpcStatusOf(error: unknown): GrpcStatusName {
  const payload = typeof (error as { getError?: unknown })?.getError === 'function' ? (error as { getError(): unknown }).getError() : error;
  const code = (payload as { code?: unknown } | null)?.code;
  return (typeof code === 'number' && GRPC_STATUS_NAMES[code]) || 'UNKNOWN';
}
