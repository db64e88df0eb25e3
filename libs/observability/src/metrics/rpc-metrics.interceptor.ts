import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { metrics, type Histogram } from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import { Observable, tap } from 'rxjs';
import { grpcStatusOf, type GrpcStatusName } from './grpc-status.js';

/** Same buckets as the HTTP server histogram, so both can share a dashboard. */
const DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** `/package.Service/Method`, as grpc-js reports the path of a call. */
const GRPC_PATH = /^\/([^/]+)\/([^/]+)$/;

/**
 * RED metrics of gRPC handlers: `rpc.server.call.duration` (seconds), labelled with the service
 * and method of the proto (a closed set) and the status name the call ended with. Errors are
 * counted with the status they carry here, so map domain errors to RpcException inside it (in the
 * handler, or in an interceptor bound to the controller), not in an exception filter.
 */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  private readonly duration: Histogram = metrics.getMeter('@shop/observability').createHistogram('rpc.server.call.duration', {
    description: 'Duration of gRPC calls served, by service, method and status.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS_SECONDS },
  });

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.getType() === 'rpc' ? grpcMethodOf(context) : undefined;
    if (!method) return next.handle();
    const started = performance.now();
    const record = (status: GrpcStatusName) =>
      this.duration.record((performance.now() - started) / 1000, {
        'rpc.system.name': 'grpc',
        'rpc.service': method.service,
        'rpc.method': method.name,
        'rpc.response.status_code': status,
      });
    return next.handle().pipe(
      tap({
        complete: () => record('OK'),
        error: (error: unknown) => record(grpcStatusOf(error)),
        // The client went away (or its deadline passed) before a streaming answer completed.
        unsubscribe: () => record('CANCELLED'),
      }),
    );
  }
}

/** Service and method of a gRPC call (Nest passes data, metadata, call); undefined for other RPC transports. */
function grpcMethodOf(context: ExecutionContext): { service: string; name: string } | undefined {
  const call = context.getArgByIndex<{ getPath?: () => string } | undefined>(2);
  const match = typeof call?.getPath === 'function' ? GRPC_PATH.exec(call.getPath()) : null;
  return match ? { service: match[1]!, name: match[2]! } : undefined;
}
