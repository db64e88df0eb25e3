import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { isUserError } from '../../domain/user.errors.js';
import { isDependencyOutage } from '../../infrastructure/dependency-outage.js';
import { unexpectedErrorToRpcException, userErrorToRpcException } from './grpc-error.mapper.js';

/**
 * Turns every error of a gRPC handler into a status, bound to the controller so that the global
 * RPC metrics interceptor (outside it) records the status the client gets.
 */
@Injectable()
export class GrpcErrorsInterceptor implements NestInterceptor {
  private readonly logger = new Logger('UserGrpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.getHandler().name;
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (isUserError(error)) {
          this.logger.log(`${method} refused: ${error.code}`);
          return throwError(() => userErrorToRpcException(error));
        }
        const dependencyDown = isDependencyOutage(error);
        this.logger.error(`${method} failed: ${dependencyDown ? 'USER.UNAVAILABLE' : 'USER.INTERNAL'}`, error instanceof Error ? error.stack : String(error));
        return throwError(() => unexpectedErrorToRpcException(dependencyDown));
      }),
    );
  }
}
