import type { orderV1 } from '@shop/contracts';
import { orderStatusName, sagaStepStatusName } from '../proto-enums.js';
import type { OrderView } from './order.dto.js';

/** An order as the REST API shows it: plain status names, and null rather than "" for no failure. */
export function toOrderView(order: orderV1.Order): OrderView {
  return {
    orderId: order.orderId,
    userId: order.userId,
    status: orderStatusName(order.status),
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    totalCents: order.totalCents,
    currency: order.currency,
    failureReason: order.failureReason === '' ? null : order.failureReason,
    saga: order.saga.map(({ step, status, at }) => ({ step, status: sagaStepStatusName(status), at })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
