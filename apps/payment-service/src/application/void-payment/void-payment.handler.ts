import { Injectable, Logger } from '@nestjs/common';
import type { MessageOf, VoidPaymentCommand } from '@shop/contracts';
import { Payment } from '../../domain/payment.js';
import { paymentsCounter } from '../payment.metrics.js';
import { voidReply, type PaymentReply } from '../payment-reply.js';
import { CardGateway } from '../ports/card-gateway.js';
import { PaymentCommands } from '../payment-commands.js';
import { PaymentStore } from '../ports/payment-store.js';
import { ConcurrentPaymentChangeError } from '../concurrent-payment-change.error.js';

/**
 * Compensation: releases the money held for a cancelled order, AUTHORIZED → VOIDED. When nothing
 * is held (a declined payment, one voided before) it changes nothing; when the order has no
 * payment yet it records a VOIDED one without authorization, so that an AuthorizePayment arriving
 * later authorizes nothing. It always replies PaymentVoided, so the saga's compensation completes.
 */
@Injectable()
export class VoidPaymentHandler {
  private readonly logger = new Logger(VoidPaymentHandler.name);

  constructor(
    private readonly payments: PaymentStore,
    private readonly commands: PaymentCommands,
    private readonly gateway: CardGateway,
  ) {}

  /** The reply written to the outbox, or null when this command was handled before. */
  async handle(command: MessageOf<typeof VoidPaymentCommand>): Promise<PaymentReply | null> {
    const { orderId } = command.payload;
    const payment = await this.payments.findByOrderId(orderId);
    if (payment === null) return this.voidBeforeAuthorization(command);
    if (payment.status === 'DECLINED' || payment.status === 'VOIDED') {
      return this.commands.handleOnce(command, async () => voidReply(command));
    }

    const voided = payment.void(); // a CAPTURED payment cannot be voided
    // Idempotent at the gateway, so a failure here just has the command retried.
    await this.gateway.void(payment.authorizationId);
    let moved = false;
    const reply = await this.commands.handleOnce(command, async (writes) => {
      if (!(await writes.saveTransition(voided, 'AUTHORIZED'))) throw new ConcurrentPaymentChangeError(orderId);
      moved = true;
      return voidReply(command);
    });
    if (reply && moved) {
      paymentsCounter.add({ outcome: 'VOIDED' });
      this.logger.log(`payment of order ${orderId} voided`);
    }
    return reply;
  }

  private async voidBeforeAuthorization(command: MessageOf<typeof VoidPaymentCommand>): Promise<PaymentReply | null> {
    const { orderId } = command.payload;
    let recorded = false;
    const reply = await this.commands.handleOnce(command, async (writes) => {
      const stored = await writes.addUnlessExists(Payment.voidBeforeAuthorization(orderId));
      // An authorize command stored the order's payment after this one read none: the retry voids that.
      if (!stored.added) throw new ConcurrentPaymentChangeError(orderId);
      recorded = true;
      return voidReply(command);
    });
    if (recorded) this.logger.log(`order ${orderId} voided before any authorization: a later AuthorizePayment will authorize nothing`);
    return reply;
  }
}
