import { Metadata, status } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Logger, type NestInterceptor } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { catchError, type Observable, throwError } from 'rxjs';
import { CodedError, type ErrorKind } from '../coded-error.js';

/** The trailer that carries the stable code of a failure, for callers that need more than the status. */
export const ERROR_CODE_TRAILER = 'error-code';

const STATUS_OF_KIND: Record<ErrorKind, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  UNAVAILABLE: status.UNAVAILABLE,
  UNKNOWN_OUTCOME: status.UNKNOWN,
};

export interface GrpcErrorsOptions {
  /** The prefix of this service's codes, e.g. `ORDER`: an unexpected error goes out as `ORDER.INTERNAL`. */
  service: string;
  /** True for an error that means a dependency is down (a database, Redis): UNAVAILABLE, which callers retry. */
  isOutage?: (error: unknown) => boolean;
}

/**
 * The one mapping of errors to gRPC statuses: a CodedError by its kind, with its message and its
 * code in the `error-code` trailer; an RpcException unchanged; anything else INTERNAL (or
 * UNAVAILABLE for an outage) without its message, so no internals reach a client.
 */
export function toRpcException(error: unknown, { service, isOutage }: GrpcErrorsOptions): RpcException {
  if (error instanceof RpcException) return error;
  if (error instanceof CodedError) return rpcException(STATUS_OF_KIND[error.kind], error.message, error.code);
  if (isOutage?.(error)) return rpcException(status.UNAVAILABLE, `${service}.UNAVAILABLE`, `${service}.UNAVAILABLE`);
  return rpcException(status.INTERNAL, `${service}.INTERNAL`, `${service}.INTERNAL`);
}

function rpcException(code: status, message: string, errorCode: string): RpcException {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_TRAILER, errorCode);
  // Nest hands this object to grpc-js as the call's status: code, details (message) and trailers.
  return new RpcException({ code, message, metadata });
}

/**
 * Bind it to a service's gRPC controllers (`@UseInterceptors(new GrpcErrorsInterceptor({ service }))`),
 * so it runs inside the metrics interceptor, which then records the status the client gets (an
 * exception filter would run after it). Refusals are logged at debug level, anything else as an error.
 */
export class GrpcErrorsInterceptor implements NestInterceptor {
  private readonly logger: Logger;

  constructor(private readonly options: GrpcErrorsOptions) {
    this.logger = new Logger(`${options.service} gRPC`);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const method = context.getHandler().name;
        if (error instanceof CodedError) this.logger.debug(`${method} refused: ${error.code}`);
        else if (!(error instanceof RpcException)) this.logger.error({ code: `${this.options.service}.INTERNAL`, err: error }, `${method} failed`);
        return throwError(() => toRpcException(error, this.options));
      }),
    );
  }
}
