import { Injectable, Logger } from '@nestjs/common';
import type { AuthorizePaymentCommand, MessageOf } from '@shop/contracts';
import { Payment } from '../../domain/payment.js';
import { paymentFailuresCounter, paymentsCounter } from '../payment.metrics.js';
import { authorizationReply, type PaymentReply } from '../payment-reply.js';
import { CardGateway } from '../ports/card-gateway.js';
import { PaymentStore } from '../ports/payment-store.js';

/** The gateway deduplicates on it: one order, one authorization, however often it is asked. */
export function authorizationIdempotencyKey(orderId: string): string {
  return `authorize:${orderId}`;
}

/**
 * Authorizes the order's amount on the card: AUTHORIZED, or DECLINED with a bounded reason (the
 * card was declined, the token is unknown, the gateway timed out or is unavailable).
 */
@Injectable()
export class AuthorizePaymentHandler {
  private readonly logger = new Logger(AuthorizePaymentHandler.name);

  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: CardGateway,
  ) {}

  /** The reply written to the outbox, or null when this command was handled before. */
  async handle(command: MessageOf<typeof AuthorizePaymentCommand>): Promise<PaymentReply | null> {
    const { orderId, amountCents, currency, paymentToken } = command.payload;
    const existing = await this.payments.findByOrderId(orderId);
    if (existing) {
      // Asked again (redelivered, or re-sent by the saga): answer from what happened, never charge again.
      return this.payments.handleOnce(command, async () => authorizationReply(command, existing));
    }

    // Before the transaction, never inside it: a slow gateway must not hold a connection and locks.
    const result = await this.gateway.authorize({ paymentToken, amountCents, currency, idempotencyKey: authorizationIdempotencyKey(orderId) });
    const request = { orderId, amountCents, currency };
    const attempted = result.approved ? Payment.authorized(request, result.authorizationId) : Payment.declined(request, result.reason);

    let added: Payment | undefined;
    const reply = await this.payments.handleOnce(command, async (writes) => {
      const stored = await writes.addUnlessExists(attempted);
      if (stored.added) added = stored.payment;
      return authorizationReply(command, stored.payment);
    });
    if (reply && added) this.record(added);
    return reply;
  }

  private record(payment: Payment): void {
    paymentsCounter.add({ outcome: payment.status === 'DECLINED' ? 'DECLINED' : 'AUTHORIZED' });
    if (payment.status === 'DECLINED') {
      paymentFailuresCounter.add({ reason: payment.declinedBecause });
      this.logger.warn(`payment of order ${payment.orderId} declined: ${payment.declinedBecause}`);
    } else {
      this.logger.log(`payment of order ${payment.orderId} authorized (${payment.amountCents} ${payment.currency} cents)`);
    }
  }
}
