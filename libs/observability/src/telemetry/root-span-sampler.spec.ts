import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { traceSampler } from './root-span-sampler.js';

const sampler = traceSampler(1);
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const decide = (parent: typeof ROOT_CONTEXT, name: string, kind: SpanKind) => sampler.shouldSample(parent, traceId, name, kind, {}, []).decision;
const withSampledParent = trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });

describe('trace sampler', () => {
  it('starts traces at requests, messages and spans the app opens itself', () => {
    assert.equal(decide(ROOT_CONTEXT, 'GET /orders/:id', SpanKind.SERVER), SamplingDecision.RECORD_AND_SAMPLED);
    assert.equal(decide(ROOT_CONTEXT, 'orders.events process', SpanKind.CONSUMER), SamplingDecision.RECORD_AND_SAMPLED);
    assert.equal(decide(ROOT_CONTEXT, 'outbox relay', SpanKind.INTERNAL), SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('drops database, cache and Prisma spans that have no parent (pollers)', () => {
    assert.equal(decide(ROOT_CONTEXT, 'pg.query:SELECT order_service', SpanKind.CLIENT), SamplingDecision.NOT_RECORD);
    assert.equal(decide(ROOT_CONTEXT, 'prisma:client:operation', SpanKind.INTERNAL), SamplingDecision.NOT_RECORD);
  });

  it('keeps the same spans inside a sampled trace', () => {
    assert.equal(decide(withSampledParent, 'pg.query:SELECT order_service', SpanKind.CLIENT), SamplingDecision.RECORD_AND_SAMPLED);
    assert.equal(decide(withSampledParent, 'prisma:client:operation', SpanKind.INTERNAL), SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('keeps a share of new traces: none at 0, about that share of trace ids in between', () => {
    assert.equal(traceSampler(0).shouldSample(ROOT_CONTEXT, traceId, 'POST /orders', SpanKind.SERVER, {}, []).decision, SamplingDecision.NOT_RECORD);
    const tenth = traceSampler(0.1);
    const kept = Array.from({ length: 2000 }, (_, index) => randomTraceId(index)).filter(
      (id) => tenth.shouldSample(ROOT_CONTEXT, id, 'POST /orders', SpanKind.SERVER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED,
    ).length;
    assert.ok(kept > 120 && kept < 280, `kept ${kept} of 2000 at 10%`);
  });

  it('follows a caller that asks for the trace (sampled traceparent), whatever the ratio', () => {
    const remote = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true });
    assert.equal(traceSampler(0).shouldSample(remote, traceId, 'POST /orders', SpanKind.SERVER, {}, []).decision, SamplingDecision.RECORD_AND_SAMPLED);
    const unsampled = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE, isRemote: true });
    assert.equal(traceSampler(1).shouldSample(unsampled, traceId, 'POST /orders', SpanKind.SERVER, {}, []).decision, SamplingDecision.NOT_RECORD);
  });
});

/** A trace id spread like real ones (the ratio sampler reads its low bits). */
function randomTraceId(seed: number): string {
  return createHash('sha256').update(String(seed)).digest('hex').slice(0, 32);
}
