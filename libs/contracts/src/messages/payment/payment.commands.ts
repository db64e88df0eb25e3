// Commands the order saga sends to the payment service. Each is idempotent on (sagaId, step): a
// redelivered AuthorizePayment must not charge the card twice.
import { z } from 'zod';
import { identifierSchema } from '../fields/identifier.fields.js';
import { currencySchema } from '../fields/money.fields.js';
import { sagaFields } from '../fields/saga.fields.js';
import { defineMessage } from '../message-definition.js';
import { Topics } from '../topics.js';

export const AuthorizePaymentCommand = defineMessage({
  type: 'payment.AuthorizePayment',
  version: 1,
  topic: Topics.paymentCommands,
  payloadSchema: z.object({
    ...sagaFields('AUTHORIZE_PAYMENT'),
    userId: identifierSchema,
    amountCents: z.int().positive(),
    currency: currencySchema,
    // Opaque card token, e.g. pm_card_ok, pm_card_declined, pm_card_slow.
    paymentToken: z.string().min(1),
  }),
  keyOf: (payload) => payload.orderId,
});

/** Captures the full amount authorized for the order. */
export const CapturePaymentCommand = defineMessage({
  type: 'payment.CapturePayment',
  version: 1,
  topic: Topics.paymentCommands,
  payloadSchema: z.object(sagaFields('CAPTURE_PAYMENT')),
  keyOf: (payload) => payload.orderId,
});

/** Compensation: voids the order's authorization. Voiding when nothing was authorized is a no-op. */
export const VoidPaymentCommand = defineMessage({
  type: 'payment.VoidPayment',
  version: 1,
  topic: Topics.paymentCommands,
  payloadSchema: z.object(sagaFields('VOID_PAYMENT')),
  keyOf: (payload) => payload.orderId,
});
