import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

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

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-([0-9a-f]{2})$/;

/** Whether a captured context belongs to a trace that is being recorded (the sampled flag of its `traceparent`). */
export function isSampledCarrier(carrier: TraceCarrier | null | undefined): boolean {
  const flags = TRACEPARENT.exec(carrier?.traceparent ?? '')?.[1];
  return flags !== undefined && (Number.parseInt(flags, 16) & 1) === 1;
}

/**
 * Runs `work` with tracing suppressed: instrumentations start no span and inject no context of
 * their own, so headers written by hand (a stored carrier) travel unchanged.
 */
export function runUntraced<T>(work: () => T): T {
  return context.with(suppressTracing(ROOT_CONTEXT), work);
}
