import { Injectable, Logger } from '@nestjs/common';
import type { AuthorizePaymentCommand, MessageOf } from '@shop/contracts';
import { Payment } from '../../domain/payment.js';
import { paymentFailuresCounter, paymentsCounter } from '../payment.metrics.js';
import { authorizationReply, type PaymentReply } from '../payment-reply.js';
import { CardGateway } from '../ports/card-gateway.js';
import { PaymentCommands } from '../payment-commands.js';
import { PaymentStore } from '../ports/payment-store.js';

/** The gateway deduplicates on it: one order, one authorization, however often it is asked. */
export function authorizationIdempotencyKey(orderId: string): string {
  return `authorize:${orderId}`;
}

/**
 * Authorizes the order's amount on the card: AUTHORIZED, or DECLINED with a bounded reason (the
 * card was declined, the token is unknown, the gateway timed out or is unavailable). Nothing, and
 * no reply, once the order's payment was voided before it was authorized (the saga gave up on the
 * order; holding money now would hold it for a cancelled order), as inventory-service ignores a
 * ReserveStock after its ReleaseStock.
 */
@Injectable()
export class AuthorizePaymentHandler {
  private readonly logger = new Logger(AuthorizePaymentHandler.name);

  constructor(
    private readonly payments: PaymentStore,
    private readonly commands: PaymentCommands,
    private readonly gateway: CardGateway,
  ) {}

  /** The reply written to the outbox, or null when none was: the command was handled before, or came after a void. */
  async handle(command: MessageOf<typeof AuthorizePaymentCommand>): Promise<PaymentReply | null> {
    const { orderId, amountCents, currency, paymentToken } = command.payload;
    const existing = await this.payments.findByOrderId(orderId);
    if (existing?.wasVoidedBeforeAuthorization) return this.ignoreAfterVoid(command);
    if (existing) {
      // Asked again (redelivered, or re-sent by the saga): answer from what happened, never charge again.
      return this.commands.handleOnce(command, async () => authorizationReply(command, existing));
    }

    // Before the transaction, never inside it: a slow gateway must not hold a connection and locks.
    const result = await this.gateway.authorize({ paymentToken, amountCents, currency, idempotencyKey: authorizationIdempotencyKey(orderId) });
    const request = { orderId, amountCents, currency };
    const attempted = result.approved ? Payment.authorized(request, result.authorizationId) : Payment.declined(request, result.reason);

    let added: Payment | undefined;
    let voidedMeanwhile = false;
    const reply = await this.commands.handleOnce(command, async (writes) => {
      const stored = await writes.addUnlessExists(attempted);
      if (stored.payment.wasVoidedBeforeAuthorization) {
        voidedMeanwhile = true;
        return null;
      }
      if (stored.added) added = stored.payment;
      return authorizationReply(command, stored.payment);
    });
    if (added) this.record(added);
    if (voidedMeanwhile) {
      this.warnAuthorizeAfterVoid(orderId);
      if (result.approved) await this.release(orderId, result.authorizationId);
    }
    return reply;
  }

  private async ignoreAfterVoid(command: MessageOf<typeof AuthorizePaymentCommand>): Promise<null> {
    let handled = false;
    await this.commands.handleOnce(command, async () => {
      handled = true;
      return null;
    });
    if (handled) this.warnAuthorizeAfterVoid(command.payload.orderId);
    return null;
  }

  /**
   * The void of the order was recorded while the gateway authorized: give the money back. Its
   * command is already handled (a retry would find the void and change nothing), so a failure here
   * is an operator's turn, logged with the authorization to void.
   */
  private async release(orderId: string, authorizationId: string): Promise<void> {
    try {
      await this.gateway.void(authorizationId);
    } catch (error) {
      this.logger.error(
        { code: 'PAYMENT.AUTHORIZATION_NOT_RELEASED', orderId, authorizationId, err: error },
        `authorization ${authorizationId} of cancelled order ${orderId} could not be voided at the gateway: void it by hand`,
      );
    }
  }

  private warnAuthorizeAfterVoid(orderId: string): void {
    this.logger.warn({ code: 'PAYMENT.AUTHORIZE_AFTER_VOID', orderId }, 'AuthorizePayment after the order was voided: nothing authorized, no reply');
  }

  private record(payment: Payment): void {
    paymentsCounter.add({ outcome: payment.status === 'DECLINED' ? 'DECLINED' : 'AUTHORIZED' });
    if (payment.status === 'DECLINED') {
      paymentFailuresCounter.add({ reason: payment.declinedBecause });
      this.logger.warn(`payment of order ${payment.orderId} declined: ${payment.declinedBecause}`);
    } else {
      this.logger.debug(`payment of order ${payment.orderId} authorized (${payment.amountCents} ${payment.currency} cents)`);
    }
  }
}
