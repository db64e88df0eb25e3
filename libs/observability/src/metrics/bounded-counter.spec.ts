import '../testing/test-telemetry.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prometheusText, samplesOf } from '../testing/prometheus-text.js';
import { defineCounter, OTHER_LABEL_VALUE } from './bounded-counter.js';

describe('defineCounter', () => {
  const orders = defineCounter('spec_orders', { outcome: ['CONFIRMED', 'REJECTED', 'CANCELLED'] }, 'Orders by final outcome.');

  it('counts declared label values, exported to Prometheus as a _total counter', async () => {
    orders.add({ outcome: 'CONFIRMED' });
    orders.add({ outcome: 'CONFIRMED' });
    orders.add({ outcome: 'REJECTED' }, 3);
    const samples = samplesOf(await prometheusText(), 'spec_orders_total');
    assert.ok(samples.some((line) => line.includes('outcome="CONFIRMED"') && line.endsWith(' 2')), samples.join('\n'));
    assert.ok(samples.some((line) => line.includes('outcome="REJECTED"') && line.endsWith(' 3')), samples.join('\n'));
  });

  it('refuses undeclared values at compile time, and counts them as "other" at run time', async () => {
    // @ts-expect-error 'SHIPPED' is not a declared outcome: this line must not compile.
    orders.add({ outcome: 'SHIPPED' });
    orders.add({ outcome: 'order 1234 failed: card declined' } as never);
    // @ts-expect-error a declared label may not be left out.
    orders.add({});
    const samples = samplesOf(await prometheusText(), 'spec_orders_total');
    assert.ok(samples.some((line) => line.includes(`outcome="${OTHER_LABEL_VALUE}"`) && line.endsWith(' 3')), samples.join('\n'));
    assert.equal(samples.some((line) => /SHIPPED|1234/.test(line)), false);
  });

  it('drops labels that were not declared', async () => {
    const failures = defineCounter('spec_payment_failures', { reason: ['DECLINED', 'TIMEOUT'] });
    failures.add({ reason: 'DECLINED', orderId: 'ord-1' } as never);
    const [sample] = samplesOf(await prometheusText(), 'spec_payment_failures_total');
    assert.ok(sample?.includes('reason="DECLINED"'), sample);
    assert.equal(sample?.includes('orderId'), false);
  });

  it('rejects a metric name Prometheus could not carry', () => {
    assert.throws(() => defineCounter('Orders Total', { outcome: ['OK'] }), /metric name/);
  });
});
