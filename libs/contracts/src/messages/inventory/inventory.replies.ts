// The inventory service's replies to saga commands, on the orchestrator's reply topic.
import { z } from 'zod';
import { currencySchema, centsSchema } from '../fields/money.fields.js';
import { pricedLineSchema, skuSchema } from '../fields/order-line.fields.js';
import { sagaFields } from '../fields/saga.fields.js';
import { defineMessage } from '../message-definition.js';
import { Topics } from '../topics.js';

export const STOCK_RESERVATION_FAILURE_REASONS = ['INSUFFICIENT_STOCK', 'UNKNOWN_SKU'] as const;
export type StockReservationFailureReason = (typeof STOCK_RESERVATION_FAILURE_REASONS)[number];

/** All units are held; carries the catalog prices at reservation time, which the order is charged. */
export const StockReservedReply = defineMessage({
  type: 'inventory.StockReserved',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object({
    ...sagaFields('RESERVE_STOCK'),
    items: z.array(pricedLineSchema).min(1),
    totalCents: centsSchema,
    currency: currencySchema,
  }),
  keyOf: (payload) => payload.orderId,
});

/** Nothing was reserved (all or nothing); `skus` names the lines at fault. */
export const StockReservationFailedReply = defineMessage({
  type: 'inventory.StockReservationFailed',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object({
    ...sagaFields('RESERVE_STOCK'),
    reason: z.enum(STOCK_RESERVATION_FAILURE_REASONS),
    skus: z.array(skuSchema).min(1),
  }),
  keyOf: (payload) => payload.orderId,
});

export const StockReleasedReply = defineMessage({
  type: 'inventory.StockReleased',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object(sagaFields('RELEASE_STOCK')),
  keyOf: (payload) => payload.orderId,
});

export const ReservationCommittedReply = defineMessage({
  type: 'inventory.ReservationCommitted',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object(sagaFields('COMMIT_RESERVATION')),
  keyOf: (payload) => payload.orderId,
});
