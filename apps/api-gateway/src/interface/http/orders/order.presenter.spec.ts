import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderV1 } from '@shop/contracts';
import { orderSchema } from './order.dto.js';
import { toOrderView } from './order.presenter.js';

const order: orderV1.Order = {
  orderId: '5b0c4f0e-3a52-4f7e-9b0a-2f0b8d8f1c11',
  userId: 'a3f2b5c4-1d2e-4f6a-8b9c-0d1e2f3a4b5c',
  status: orderV1.OrderStatus.ORDER_STATUS_CANCELLED,
  items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  currency: 'EUR',
  failureReason: 'CARD_DECLINED',
  saga: [
    { step: 'RESERVE_STOCK', status: orderV1.SagaStepStatus.SAGA_STEP_STATUS_COMPENSATED, at: '2026-01-01T10:00:00.000Z' },
    { step: 'AUTHORIZE_PAYMENT', status: orderV1.SagaStepStatus.SAGA_STEP_STATUS_FAILED, at: '2026-01-01T10:00:01.000Z' },
  ],
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:02.000Z',
};

describe('presenting an order', () => {
  it('has exactly the fields of the REST contract, with plain status names', () => {
    const view = toOrderView(order);
    assert.deepEqual(view, {
      orderId: order.orderId,
      userId: order.userId,
      status: 'CANCELLED',
      items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }],
      totalCents: 2500,
      currency: 'EUR',
      failureReason: 'CARD_DECLINED',
      saga: [
        { step: 'RESERVE_STOCK', status: 'COMPENSATED', at: '2026-01-01T10:00:00.000Z' },
        { step: 'AUTHORIZE_PAYMENT', status: 'FAILED', at: '2026-01-01T10:00:01.000Z' },
      ],
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-01T10:00:02.000Z',
    });
    assert.deepEqual(orderSchema.parse(view), view);
  });

  it('shows no failure as null, not as an empty string', () => {
    assert.equal(toOrderView({ ...order, status: orderV1.OrderStatus.ORDER_STATUS_CONFIRMED, failureReason: '' }).failureReason, null);
  });
});
