// How each order ended, published by the order service once its saga finishes. The notification
// service turns each into one notification.
import { z } from 'zod';
import { identifierSchema } from '../fields/identifier.fields.js';
import { centsSchema, currencySchema } from '../fields/money.fields.js';
import { pricedLineSchema } from '../fields/order-line.fields.js';
import { STOCK_RESERVATION_FAILURE_REASONS } from '../inventory/inventory.replies.js';
import { defineMessage } from '../message-definition.js';
import { PAYMENT_DECLINE_REASONS } from '../payment/payment.replies.js';
import { Topics } from '../topics.js';

/** An order is rejected when the inventory could not reserve its stock; no payment was attempted. */
export const ORDER_REJECTION_REASONS = [...STOCK_RESERVATION_FAILURE_REASONS] as const;
export type OrderRejectionReason = (typeof ORDER_REJECTION_REASONS)[number];

/** An order is cancelled after its stock was reserved; the saga compensated the steps it had done. */
export const ORDER_CANCELLATION_REASONS = [
  // The payment service declined the authorization (or its card gateway timed out / was down).
  ...PAYMENT_DECLINE_REASONS,
  // A participant stayed silent past the saga's business deadline, before the pivot; the steps
  // done were compensated.
  'SAGA_TIMED_OUT',
  // No longer produced: commit and capture come after the pivot and are retried until they
  // succeed. Kept so that events written before that still parse.
  'CONFIRMATION_FAILED',
] as const;
export type OrderCancellationReason = (typeof ORDER_CANCELLATION_REASONS)[number];

const orderOutcomeFields = {
  orderId: identifierSchema,
  userId: identifierSchema,
  totalCents: centsSchema,
  currency: currencySchema,
};

export const OrderConfirmedEvent = defineMessage({
  type: 'order.OrderConfirmed',
  version: 1,
  topic: Topics.orderEvents,
  payloadSchema: z.object({
    ...orderOutcomeFields,
    items: z.array(pricedLineSchema).min(1),
  }),
  keyOf: (payload) => payload.orderId,
});

export const OrderRejectedEvent = defineMessage({
  type: 'order.OrderRejected',
  version: 1,
  topic: Topics.orderEvents,
  payloadSchema: z.object({
    ...orderOutcomeFields,
    reason: z.enum(ORDER_REJECTION_REASONS),
  }),
  keyOf: (payload) => payload.orderId,
});

export const OrderCancelledEvent = defineMessage({
  type: 'order.OrderCancelled',
  version: 1,
  topic: Topics.orderEvents,
  payloadSchema: z.object({
    ...orderOutcomeFields,
    reason: z.enum(ORDER_CANCELLATION_REASONS),
  }),
  keyOf: (payload) => payload.orderId,
});
