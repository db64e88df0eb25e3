import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorrelationContext, validCorrelationId } from './correlation-context.js';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * A request that names its correlation id in `x-correlation-id` runs inside it (and gets it back
 * in the response); a malformed or oversized value is ignored rather than logged.
 */
@Injectable()
export class CorrelationIdMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const correlationId = validCorrelationId(request.headers[CORRELATION_ID_HEADER]);
    if (!correlationId) return next();
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    CorrelationContext.run(correlationId, next);
  }
}
