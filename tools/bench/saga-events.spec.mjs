import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomeOf } from './saga-events.mjs';

const envelope = (type, payload) => JSON.stringify({ messageId: 'm-1', type, version: 1, occurredAt: '2025-01-01T00:00:00Z', correlationId: 'c', causationId: null, payload });

describe('outcomeOf', () => {
  it('reads a confirmation', () => {
    assert.deepEqual(outcomeOf(envelope('order.OrderConfirmed', { orderId: 'o-1', items: [] })), { orderId: 'o-1', outcome: 'CONFIRMED' });
  });

  it('names the reason of a rejection or a cancellation', () => {
    assert.deepEqual(outcomeOf(envelope('order.OrderRejected', { orderId: 'o-2', reason: 'INSUFFICIENT_STOCK' })), { orderId: 'o-2', outcome: 'REJECTED (INSUFFICIENT_STOCK)' });
    assert.deepEqual(outcomeOf(envelope('order.OrderCancelled', { orderId: 'o-3', reason: 'SAGA_TIMED_OUT' })), { orderId: 'o-3', outcome: 'CANCELLED (SAGA_TIMED_OUT)' });
  });

  it('ignores other messages and what is not JSON', () => {
    assert.equal(outcomeOf(envelope('order.SomethingElse', { orderId: 'o-4' })), undefined);
    assert.equal(outcomeOf('not json'), undefined);
    assert.equal(outcomeOf('null'), undefined);
  });
});
