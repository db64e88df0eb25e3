import { isSpanContextValid, trace } from '@opentelemetry/api';
import { CorrelationContext } from './correlation-context.js';

export interface TraceLogFields {
  trace_id?: string;
  span_id?: string;
  correlationId?: string;
}

/**
 * What ties a log line to its trace and its business flow, read at the moment the line is
 * written (a pino mixin), so lines from Kafka consumers and timers carry it as well as requests.
 */
export function traceLogFields(): TraceLogFields {
  const fields: TraceLogFields = {};
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
  }
  const correlationId = CorrelationContext.current();
  if (correlationId) fields.correlationId = correlationId;
  return fields;
}
