import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** W3C `traceparent` / `tracestate` / `baggage` entries, as they travel in headers. */
export type TraceCarrier = Record<string, string>;

/**
 * The active trace context (and baggage, which holds the correlation id) as plain strings, for
 * work that leaves the call stack: an outbox row stores it, so the relay can publish the message
 * as part of the trace that wrote the row rather than of its own poll loop.
 */
export function captureTraceContext(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` as a continuation of a captured context; spans it starts become its children. */
export function runInTraceContext<T>(carrier: TraceCarrier | null | undefined, work: () => T): T {
  return context.with(propagation.extract(ROOT_CONTEXT, carrier ?? {}), work);
}
