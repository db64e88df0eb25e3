// The notify step: the event that tells the rest of the system (the notification service) how the
// order ended. Written to the outbox in the transaction that ends the saga.
import {
  OrderCancelledEvent,
  OrderConfirmedEvent,
  OrderRejectedEvent,
  type OrderCancellationReason,
  type OrderRejectionReason,
} from '@shop/contracts/messages';
import type { SagaOrder } from './order-saga.js';
import type { OrderOutcomeEvent } from './saga-messages.js';

function outcomeFields(order: SagaOrder) {
  return { orderId: order.orderId, userId: order.userId, totalCents: order.totalCents, currency: order.currency };
}

export function orderConfirmed(order: SagaOrder): OrderOutcomeEvent {
  return { definition: OrderConfirmedEvent, payload: { ...outcomeFields(order), items: order.items.map((line) => ({ ...line })) } };
}

export function orderRejected(order: SagaOrder, reason: OrderRejectionReason): OrderOutcomeEvent {
  return { definition: OrderRejectedEvent, payload: { ...outcomeFields(order), reason } };
}

export function orderCancelled(order: SagaOrder, reason: OrderCancellationReason): OrderOutcomeEvent {
  return { definition: OrderCancelledEvent, payload: { ...outcomeFields(order), reason } };
}
