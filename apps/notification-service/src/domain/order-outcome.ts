import type { OrderCancellationReason, OrderRejectionReason } from '@shop/contracts/messages';

/** How an order ended, as far as the customer needs to know. */
export type OrderOutcome =
  | (OrderFacts & { type: 'ORDER_CONFIRMED' })
  | (OrderFacts & { type: 'ORDER_REJECTED'; reason: OrderRejectionReason })
  | (OrderFacts & { type: 'ORDER_CANCELLED'; reason: OrderCancellationReason });

export interface OrderFacts {
  orderId: string;
  userId: string;
  totalCents: number;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
}

export type OrderOutcomeReason = OrderRejectionReason | OrderCancellationReason;
