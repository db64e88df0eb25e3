import {
  causedBy,
  createMessage,
  type MessageOf,
  PaymentAuthorizedReply,
  PaymentCapturedReply,
  PaymentDeclinedReply,
  PaymentVoidedReply,
  type AuthorizePaymentCommand,
  type CapturePaymentCommand,
  type VoidPaymentCommand,
} from '@shop/contracts';
import type { Payment } from '../domain/payment.js';

type ReplyOf<TDefinition> = { definition: TDefinition; message: MessageOf<TDefinition> };

/** A reply to a payment command, with its definition so the outbox knows its topic and key. */
export type PaymentReply =
  | ReplyOf<typeof PaymentAuthorizedReply>
  | ReplyOf<typeof PaymentDeclinedReply>
  | ReplyOf<typeof PaymentCapturedReply>
  | ReplyOf<typeof PaymentVoidedReply>;

/** The answer to an authorize command, from the payment as stored (so a repeated command gets the same answer). */
export function authorizationReply(command: MessageOf<typeof AuthorizePaymentCommand>, payment: Payment): PaymentReply {
  const { sagaId, orderId } = command.payload;
  if (payment.wasAuthorized) {
    const payload = { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, paymentId: payment.id, amountCents: payment.amountCents, currency: payment.currency } as const;
    return { definition: PaymentAuthorizedReply, message: createMessage(PaymentAuthorizedReply, payload, causedBy(command)) };
  }
  const payload = { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, reason: payment.declinedBecause } as const;
  return { definition: PaymentDeclinedReply, message: createMessage(PaymentDeclinedReply, payload, causedBy(command)) };
}

export function captureReply(command: MessageOf<typeof CapturePaymentCommand>, payment: Payment): PaymentReply {
  const { sagaId, orderId } = command.payload;
  const payload = { sagaId, step: 'CAPTURE_PAYMENT', orderId, paymentId: payment.id, amountCents: payment.amountCents, currency: payment.currency } as const;
  return { definition: PaymentCapturedReply, message: createMessage(PaymentCapturedReply, payload, causedBy(command)) };
}

export function voidReply(command: MessageOf<typeof VoidPaymentCommand>): PaymentReply {
  const { sagaId, orderId } = command.payload;
  return { definition: PaymentVoidedReply, message: createMessage(PaymentVoidedReply, { sagaId, step: 'VOID_PAYMENT', orderId }, causedBy(command)) };
}
