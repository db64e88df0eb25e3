import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORDER_CANCELLATION_REASONS, ORDER_REJECTION_REASONS } from '@shop/contracts/messages';
import { describeReason, renderOrderOutcomeEmail } from './order-outcome-email.js';

const order = { orderId: '7d3c2f4e-1b2a-4c5d-8e9f-0a1b2c3d4e5f', userId: '0f9e8d7c-6b5a-4c3d-9e1f-2a3b4c5d6e7f', totalCents: 1999, currency: 'EUR' };

describe('renderOrderOutcomeEmail', () => {
  it('confirms the order with its id and the total in euros', () => {
    const email = renderOrderOutcomeEmail({ ...order, type: 'ORDER_CONFIRMED' });
    assert.equal(email.subject, `Your order ${order.orderId} is confirmed`);
    assert.match(email.text, new RegExp(`order ${order.orderId} is confirmed`));
    assert.match(email.text, /Total charged: €19\.99\./);
  });

  it('tells a rejected customer why, and that nothing was charged', () => {
    const email = renderOrderOutcomeEmail({ ...order, type: 'ORDER_REJECTED', reason: 'INSUFFICIENT_STOCK' });
    assert.equal(email.subject, `Your order ${order.orderId} could not be accepted`);
    assert.match(email.text, /\(total €19\.99\): some of the items are not in stock in the quantity you asked for\./);
    assert.match(email.text, /Nothing was charged\./);
  });

  it('tells a cancelled customer why, and that the reserved amount was released', () => {
    const email = renderOrderOutcomeEmail({ ...order, type: 'ORDER_CANCELLED', reason: 'SAGA_TIMED_OUT', totalCents: 250000 });
    assert.equal(email.subject, `Your order ${order.orderId} was cancelled`);
    assert.match(email.text, /\(total €2,500\.00\) was cancelled: we could not complete it in time\./);
    assert.match(email.text, /released/);
  });

  it('is plain text without reason codes', () => {
    const email = renderOrderOutcomeEmail({ ...order, type: 'ORDER_CANCELLED', reason: 'CARD_DECLINED' });
    assert.doesNotMatch(email.text, /<[a-z]+>|CARD_DECLINED/);
    assert.match(email.text, /your card was declined/);
  });

  it('has words for every rejection and cancellation reason the order events carry', () => {
    for (const reason of [...ORDER_REJECTION_REASONS, ...ORDER_CANCELLATION_REASONS]) {
      assert.match(describeReason(reason), /^[a-z][a-z ,]+[a-z]$/, reason);
    }
  });

  it('renders the same outcome the same way every time', () => {
    const outcome = { ...order, type: 'ORDER_CONFIRMED' } as const;
    assert.deepEqual(renderOrderOutcomeEmail(outcome), renderOrderOutcomeEmail(outcome));
  });
});
