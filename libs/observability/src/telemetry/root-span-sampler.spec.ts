import { context, ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { traceSampler } from './root-span-sampler.js';

const sampler = traceSampler();
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
});
