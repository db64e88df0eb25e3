import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';

/**
 * One finished span as a line of an OTEL_TRACES_FILE: what a test or the demo needs to follow a
 * request across services (ids, parent link, service, timing, outcome), not the whole OTLP model.
 * The schema also guards the reader: the file is input like any other.
 */
export const exportedSpanSchema = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  /** The span this one continues, possibly in another service; null for the root of a trace. */
  parentSpanId: z.string().regex(/^[0-9a-f]{16}$/).nullable(),
  name: z.string(),
  kind: z.enum(['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER']),
  /** The resource's `service.name`: which app recorded the span. */
  service: z.string(),
  /** ISO 8601, millisecond precision. */
  startTime: z.string(),
  durationMs: z.number(),
  status: z.object({ code: z.enum(['UNSET', 'OK', 'ERROR']), message: z.string().optional() }),
  /** Scalar attributes only; arrays are left out to keep lines small and flat. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export type ExportedSpan = z.infer<typeof exportedSpanSchema>;

const SPAN_KINDS = {
  [SpanKind.INTERNAL]: 'INTERNAL',
  [SpanKind.SERVER]: 'SERVER',
  [SpanKind.CLIENT]: 'CLIENT',
  [SpanKind.PRODUCER]: 'PRODUCER',
  [SpanKind.CONSUMER]: 'CONSUMER',
} as const satisfies Record<SpanKind, ExportedSpan['kind']>;

const STATUS_CODES = {
  [SpanStatusCode.UNSET]: 'UNSET',
  [SpanStatusCode.OK]: 'OK',
  [SpanStatusCode.ERROR]: 'ERROR',
} as const satisfies Record<SpanStatusCode, ExportedSpan['status']['code']>;

export function toExportedSpan(span: ReadableSpan): ExportedSpan {
  const { traceId, spanId } = span.spanContext();
  const attributes: ExportedSpan['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  const status: ExportedSpan['status'] = { code: STATUS_CODES[span.status.code] };
  if (span.status.message) status.message = span.status.message;
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: SPAN_KINDS[span.kind],
    service: String(span.resource.attributes[ATTR_SERVICE_NAME] ?? 'unknown_service'),
    startTime: new Date(hrTimeToMilliseconds(span.startTime)).toISOString(),
    // Microseconds are plenty for a timeline; the full float would add noise to every line.
    durationMs: Math.round(hrTimeToMilliseconds(span.duration) * 1000) / 1000,
    status,
    attributes,
  };
}
