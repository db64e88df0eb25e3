import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { catchError, type Observable, throwError } from 'rxjs';
import { PaymentError, type PaymentErrorCode } from '../../domain/payment.errors.js';
import { InvalidRequestError } from '@shop/contracts';

/** The one place where errors become gRPC statuses; the message is the stable code, as in libs/contracts. */
const STATUS_OF_CODE: Record<PaymentErrorCode, status> = {
  'PAYMENT.NOT_FOUND': status.NOT_FOUND,
  'PAYMENT.NOT_CAPTURABLE': status.FAILED_PRECONDITION,
  'PAYMENT.NOT_VOIDABLE': status.FAILED_PRECONDITION,
};

/**
 * Bound to the gRPC controllers, so it runs inside the metrics interceptor, which then records the
 * real status (an exception filter would run after it). Anything unexpected goes out as INTERNAL,
 * without its message: no internals reach a client.
 */
@Injectable()
export class PaymentErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toRpcException(error))));
  }
}

export function toRpcException(error: unknown): RpcException {
  if (error instanceof RpcException) return error;
  if (error instanceof PaymentError) return new RpcException({ code: STATUS_OF_CODE[error.code], message: error.code });
  if (error instanceof InvalidRequestError) return new RpcException({ code: status.INVALID_ARGUMENT, message: error.message });
  return new RpcException({ code: status.INTERNAL, message: 'PAYMENT.INTERNAL' });
}
