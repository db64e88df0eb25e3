// Order outcome events as the order service publishes them.
import {
  createMessage,
  OrderCancelledEvent,
  OrderConfirmedEvent,
  OrderRejectedEvent,
  type OrderCancellationReason,
  type OrderRejectionReason,
} from '@shop/contracts';
import { randomUUID } from 'node:crypto';

export interface OrderFacts {
  orderId?: string;
  userId: string;
  totalCents?: number;
  currency?: string;
}

function facts({ orderId = randomUUID(), userId, totalCents = 1999, currency = 'EUR' }: OrderFacts) {
  return { orderId, userId, totalCents, currency };
}

export function orderConfirmed(order: OrderFacts) {
  const payload = { ...facts(order), items: [{ sku: 'SKU-MUG', quantity: 1, unitPriceCents: order.totalCents ?? 1999 }] };
  return createMessage(OrderConfirmedEvent, payload, { correlationId: payload.orderId });
}

export function orderRejected(order: OrderFacts, reason: OrderRejectionReason = 'INSUFFICIENT_STOCK') {
  const payload = { ...facts(order), reason };
  return createMessage(OrderRejectedEvent, payload, { correlationId: payload.orderId });
}

export function orderCancelled(order: OrderFacts, reason: OrderCancellationReason = 'SAGA_TIMED_OUT') {
  const payload = { ...facts(order), reason };
  return createMessage(OrderCancelledEvent, payload, { correlationId: payload.orderId });
}
