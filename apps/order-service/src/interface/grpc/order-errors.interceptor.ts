import { status } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { catchError, type Observable, throwError } from 'rxjs';
import { OrderError, type OrderErrorCode } from '../../domain/order/order.errors.js';
import { InvalidRequestError } from '@shop/contracts';

/** The one place where order errors become gRPC statuses. */
const STATUS_OF_CODE: Record<OrderErrorCode, status> = {
  'ORDER.UNKNOWN_SKUS': status.INVALID_ARGUMENT,
  'ORDER.MIXED_CURRENCIES': status.INVALID_ARGUMENT,
  'ORDER.INVALID_PAGE_TOKEN': status.INVALID_ARGUMENT,
  'ORDER.NOT_FOUND': status.NOT_FOUND,
  'ORDER.CATALOG_UNAVAILABLE': status.UNAVAILABLE,
};

/**
 * Bound to the gRPC controller, so it runs inside the metrics interceptor, which then records the
 * real status (an exception filter would run after it). The message starts with the stable code
 * (`ORDER.UNKNOWN_SKUS: unknown SKUs: SKU-9`); anything unexpected goes out as INTERNAL without
 * its message, so no internals reach a client.
 */
@Injectable()
export class OrderErrorsInterceptor implements NestInterceptor {
  private readonly logger = new Logger(OrderErrorsInterceptor.name);

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => this.toRpcException(error))));
  }

  private toRpcException(error: unknown): RpcException {
    if (error instanceof RpcException) return error;
    if (error instanceof OrderError) return new RpcException({ code: STATUS_OF_CODE[error.code], message: error.message });
    if (error instanceof InvalidRequestError) return new RpcException({ code: status.INVALID_ARGUMENT, message: error.message });
    this.logger.error({ code: 'ORDER.INTERNAL', err: error }, 'unexpected error in a gRPC handler');
    return new RpcException({ code: status.INTERNAL, message: 'ORDER.INTERNAL' });
  }
}
