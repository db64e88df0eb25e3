import { finishedSpans } from '../testing/test-telemetry.js';
import { context, propagation, trace } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CorrelationContext } from '../logging/correlation-context.js';
import { captureTraceContext, isSampledCarrier, runInTraceContext, runUntraced, type TraceCarrier } from './trace-carrier.js';

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

  it('tells a recorded trace from one that is not', () => {
    assert.equal(isSampledCarrier({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }), true);
    assert.equal(isSampledCarrier({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' }), false);
    assert.equal(isSampledCarrier({}), false);
    assert.equal(isSampledCarrier(null), false);
  });

  it('runs work untraced: no span is recorded and nothing overwrites headers written by hand', () => {
    const stored: TraceCarrier = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', baggage: 'correlation.id=ord-1' };
    const headers = { ...stored };
    const span = runUntraced(() => {
      // As an instrumentation does: a span for the send, its context injected into the message headers.
      const started = tracer.startSpan('untraced send');
      propagation.inject(trace.setSpan(context.active(), started), headers);
      started.end();
      return started;
    });
    assert.equal(span.isRecording(), false);
    assert.deepEqual(headers, stored);
  });
});
