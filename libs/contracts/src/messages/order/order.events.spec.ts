import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMessage } from '../create-message.js';
import { STOCK_RESERVATION_FAILURE_REASONS } from '../inventory/inventory.replies.js';
import { PAYMENT_DECLINE_REASONS } from '../payment/payment.replies.js';
import { ORDER_CANCELLATION_REASONS, ORDER_REJECTION_REASONS, OrderCancelledEvent, OrderRejectedEvent } from './order.events.js';

const outcome = { orderId: '0b9f6f0e-3c7a-4d52-9a57-3f1f2f0c8a11', userId: '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d', totalCents: 2500, currency: 'EUR' };
const context = { correlationId: outcome.orderId };

describe('order outcome reasons', () => {
  it('rejects an order only for the stock reasons, since no payment was attempted then', () => {
    assert.deepEqual([...ORDER_REJECTION_REASONS], [...STOCK_RESERVATION_FAILURE_REASONS]);
  });

  it('cancels an order for every payment decline reason, a timed-out saga and a failed confirmation', () => {
    assert.deepEqual([...ORDER_CANCELLATION_REASONS], [...PAYMENT_DECLINE_REASONS, 'SAGA_TIMED_OUT', 'CONFIRMATION_FAILED']);
  });

  it('refuses a rejection that gives a payment reason', () => {
    assert.throws(() => createMessage(OrderRejectedEvent, { ...outcome, reason: 'CARD_DECLINED' as never }, context), /payload\.reason/);
  });

  it('refuses a cancellation that gives a stock reason', () => {
    assert.throws(() => createMessage(OrderCancelledEvent, { ...outcome, reason: 'INSUFFICIENT_STOCK' as never }, context), /payload\.reason/);
  });

  it('accepts a cancellation for a declined card', () => {
    assert.equal(createMessage(OrderCancelledEvent, { ...outcome, reason: 'CARD_DECLINED' }, context).payload.reason, 'CARD_DECLINED');
  });
});
