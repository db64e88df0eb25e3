import { Injectable, NestMiddleware } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const TRACE_ID_HEADER = 'X-Trace-Id';

/**
 * Tells the client which trace its request became, on every response (errors and unknown routes
 * included), so a support request or the demo can go straight to it in Jaeger or the trace files.
 */
@Injectable()
export class TraceIdMiddleware implements NestMiddleware {
  use(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const spanContext = trace.getActiveSpan()?.spanContext();
    if (spanContext && trace.isSpanContextValid(spanContext)) response.setHeader(TRACE_ID_HEADER, spanContext.traceId);
    next();
  }
}
