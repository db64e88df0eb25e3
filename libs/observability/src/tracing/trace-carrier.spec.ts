import { finishedSpans } from '../testing/test-telemetry.js';
import { trace } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CorrelationContext } from '../logging/correlation-context.js';
import { captureTraceContext, runInTraceContext, type TraceCarrier } from './trace-carrier.js';

const tracer = trace.getTracer('trace-carrier-spec');

describe('trace carrier (the outbox\'s way to keep one trace)', () => {
  it('continues the captured trace and correlation id in work run later, from plain strings', async () => {
    let carrier: TraceCarrier = {};
    const writer = tracer.startActiveSpan('place order', (span) => {
      CorrelationContext.run('ord-77', () => {
        carrier = JSON.parse(JSON.stringify(captureTraceContext())) as TraceCarrier; // as stored in a JSON column
      });
      span.end();
      return span.spanContext();
    });
    assert.match(carrier.traceparent ?? '', new RegExp(`^00-${writer.traceId}-${writer.spanId}-01$`));

    const relayed = runInTraceContext(carrier, () => {
      assert.equal(CorrelationContext.current(), 'ord-77');
      const span = tracer.startSpan('orders.events publish');
      span.end();
      return span;
    });
    const published = finishedSpans.getFinishedSpans().find((span) => span.name === 'orders.events publish');
    assert.ok(published);
    assert.equal(relayed.spanContext().traceId, writer.traceId);
    assert.equal(published.parentSpanContext?.spanId, writer.spanId);
  });

  it('starts a fresh trace when nothing was captured', () => {
    runInTraceContext(undefined, () => tracer.startSpan('relay without a carrier').end());
    const span = finishedSpans.getFinishedSpans().find((candidate) => candidate.name === 'relay without a carrier');
    assert.ok(span);
    assert.equal(span.parentSpanContext, undefined);
  });
});
