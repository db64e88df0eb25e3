// The payment service's replies to saga commands, on the orchestrator's reply topic.
import { z } from 'zod';
import { identifierSchema } from '../fields/identifier.fields.js';
import { centsSchema, currencySchema } from '../fields/money.fields.js';
import { sagaFields } from '../fields/saga.fields.js';
import { defineMessage } from '../message-definition.js';
import { Topics } from '../topics.js';

export const PAYMENT_DECLINE_REASONS = [
  'CARD_DECLINED',
  'INVALID_PAYMENT_TOKEN',
  // The card gateway did not answer in time; nothing was authorized.
  'GATEWAY_TIMEOUT',
  // The card gateway is down, or its circuit breaker is open.
  'GATEWAY_UNAVAILABLE',
] as const;
export type PaymentDeclineReason = (typeof PAYMENT_DECLINE_REASONS)[number];

export const PaymentAuthorizedReply = defineMessage({
  type: 'payment.PaymentAuthorized',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object({
    ...sagaFields('AUTHORIZE_PAYMENT'),
    paymentId: identifierSchema,
    amountCents: centsSchema,
    currency: currencySchema,
  }),
  keyOf: (payload) => payload.orderId,
});

export const PaymentDeclinedReply = defineMessage({
  type: 'payment.PaymentDeclined',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object({
    ...sagaFields('AUTHORIZE_PAYMENT'),
    reason: z.enum(PAYMENT_DECLINE_REASONS),
  }),
  keyOf: (payload) => payload.orderId,
});

export const PaymentCapturedReply = defineMessage({
  type: 'payment.PaymentCaptured',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object({
    ...sagaFields('CAPTURE_PAYMENT'),
    paymentId: identifierSchema,
    amountCents: centsSchema,
    currency: currencySchema,
  }),
  keyOf: (payload) => payload.orderId,
});

export const PaymentVoidedReply = defineMessage({
  type: 'payment.PaymentVoided',
  version: 1,
  topic: Topics.orderSagaReplies,
  payloadSchema: z.object(sagaFields('VOID_PAYMENT')),
  keyOf: (payload) => payload.orderId,
});
