import type { Span } from '@opentelemetry/api';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** `http.route` of a request no route matched (404s, scanners): one label value, never the raw path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The http instrumentation labels `http.server.request.duration` with the route template that the
 * express instrumentation found (`/orders/:id`); when no route matched it leaves the label out,
 * which would merge 404s with everything else. This `responseHook` registers a `close` listener
 * before the instrumentation's own, so the fixed value is in place when the metric is recorded.
 */
export function labelUnmatchedRoute(_span: Span, response: IncomingMessage | ServerResponse): void {
  if (!isServerResponse(response)) return;
  const metadata = getRPCMetadata(context.active());
  if (metadata?.type !== RPCType.HTTP) return;
  response.once('close', () => {
    metadata.route ??= UNMATCHED_ROUTE;
  });
}

// Outgoing calls hand the hook an IncomingMessage; only a ServerResponse can set headers.
function isServerResponse(response: IncomingMessage | ServerResponse): response is ServerResponse {
  return typeof (response as ServerResponse).setHeader === 'function';
}
