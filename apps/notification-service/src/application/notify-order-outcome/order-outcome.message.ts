import {
  isMessageOf,
  OrderCancelledEvent,
  OrderConfirmedEvent,
  OrderRejectedEvent,
  type MessageEnvelope,
  type MessageOf,
} from '@shop/contracts';
import type { OrderOutcome } from '../../domain/order-outcome.js';

/** The events of `order.events.v1` this service turns into notifications. */
export type OrderOutcomeMessage =
  | MessageOf<typeof OrderConfirmedEvent>
  | MessageOf<typeof OrderRejectedEvent>
  | MessageOf<typeof OrderCancelledEvent>;

export function isOrderOutcomeMessage(message: MessageEnvelope): message is OrderOutcomeMessage {
  return isMessageOf(OrderConfirmedEvent, message) || isMessageOf(OrderRejectedEvent, message) || isMessageOf(OrderCancelledEvent, message);
}

export function orderOutcomeOf(message: OrderOutcomeMessage): OrderOutcome {
  const { orderId, userId, totalCents, currency } = message.payload;
  const facts = { orderId, userId, totalCents, currency };
  if (isMessageOf(OrderConfirmedEvent, message)) return { ...facts, type: 'ORDER_CONFIRMED' };
  if (isMessageOf(OrderRejectedEvent, message)) return { ...facts, type: 'ORDER_REJECTED', reason: message.payload.reason };
  if (isMessageOf(OrderCancelledEvent, message)) return { ...facts, type: 'ORDER_CANCELLED', reason: message.payload.reason };
  // Unreachable while the union and the checks above agree; the compiler keeps them in step.
  const unexpected: never = message;
  throw new Error(`not an order outcome: ${(unexpected as MessageEnvelope).type}`);
}
