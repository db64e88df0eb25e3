import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import type { UserError, UserErrorCode } from '../../domain/user.errors.js';

/** Trailing metadata that carries the stable code, for callers that need more than the status. */
export const ERROR_CODE_METADATA_KEY = 'error-code';

/** The one mapping from the service's error codes to gRPC status codes. */
const GRPC_STATUS_OF: Record<UserErrorCode, GrpcStatus> = {
  'USER.EMAIL_TAKEN': GrpcStatus.ALREADY_EXISTS,
  'USER.INVALID_CREDENTIALS': GrpcStatus.UNAUTHENTICATED,
  'USER.INVALID_TOKEN': GrpcStatus.UNAUTHENTICATED,
  'USER.NOT_FOUND': GrpcStatus.NOT_FOUND,
  'USER.INVALID_INPUT': GrpcStatus.INVALID_ARGUMENT,
};

export function grpcStatusOf(code: UserErrorCode): GrpcStatus {
  return GRPC_STATUS_OF[code];
}

/** An expected refusal: its status, its message (safe to show to a client) and its code in the trailers. */
export function userErrorToRpcException(error: UserError): RpcException {
  return rpcException(grpcStatusOf(error.code), error.message, error.code);
}

/**
 * Anything else: no detail leaves the process. An unreachable database or Redis is UNAVAILABLE,
 * which callers' resilience policies retry; anything else is a bug, INTERNAL, which they do not.
 */
export function unexpectedErrorToRpcException(dependencyDown: boolean): RpcException {
  return dependencyDown
    ? rpcException(GrpcStatus.UNAVAILABLE, 'the user service cannot reach its database or Redis', 'USER.UNAVAILABLE')
    : rpcException(GrpcStatus.INTERNAL, 'internal error in the user service', 'USER.INTERNAL');
}

function rpcException(code: GrpcStatus, message: string, errorCode: string): RpcException {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, errorCode);
  // Nest hands this object to grpc-js as the call's status: code, details (message) and trailers.
  return new RpcException({ code, message, metadata });
}
