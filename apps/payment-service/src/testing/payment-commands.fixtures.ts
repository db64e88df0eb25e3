import { randomUUID } from 'node:crypto';
import { AuthorizePaymentCommand, CapturePaymentCommand, createMessage, type MessageOf, VoidPaymentCommand } from '@shop/contracts';

/** One order's saga, as the order service would drive it. */
export function sagaOf(orderId = randomUUID()) {
  const sagaId = randomUUID();
  const context = { correlationId: orderId };
  return {
    orderId,
    sagaId,
    authorize(paymentToken: string, amountCents = 4_990, currency = 'EUR'): MessageOf<typeof AuthorizePaymentCommand> {
      const payload = { sagaId, step: 'AUTHORIZE_PAYMENT', orderId, userId: randomUUID(), amountCents, currency, paymentToken } as const;
      return createMessage(AuthorizePaymentCommand, payload, context);
    },
    capture(): MessageOf<typeof CapturePaymentCommand> {
      return createMessage(CapturePaymentCommand, { sagaId, step: 'CAPTURE_PAYMENT', orderId }, context);
    },
    void(): MessageOf<typeof VoidPaymentCommand> {
      return createMessage(VoidPaymentCommand, { sagaId, step: 'VOID_PAYMENT', orderId }, context);
    },
  };
}
