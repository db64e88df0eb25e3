import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { toRpcError } from './grpc-errors.js';

/**
 * Bound to the gRPC controller, inside the global metrics interceptor, so the RPC metrics record
 * the mapped status (INVALID_ARGUMENT...) rather than UNKNOWN.
 */
@Injectable()
export class InventoryErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => toRpcError(error))));
  }
}
