import { Injectable, Logger } from '@nestjs/common';
import type { CapturePaymentCommand, MessageOf } from '@shop/contracts';
import { PaymentError } from '../../domain/payment.errors.js';
import { paymentsCounter } from '../payment.metrics.js';
import { captureReply, type PaymentReply } from '../payment-reply.js';
import { CardGateway } from '../ports/card-gateway.js';
import { PaymentCommands } from '../payment-commands.js';
import { PaymentStore } from '../ports/payment-store.js';
import { ConcurrentPaymentChangeError } from '../concurrent-payment-change.error.js';

/** Takes the authorized money once the order is confirmed: AUTHORIZED → CAPTURED. */
@Injectable()
export class CapturePaymentHandler {
  private readonly logger = new Logger(CapturePaymentHandler.name);

  constructor(
    private readonly payments: PaymentStore,
    private readonly commands: PaymentCommands,
    private readonly gateway: CardGateway,
  ) {}

  /** The reply written to the outbox, or null when this command was handled before. */
  async handle(command: MessageOf<typeof CapturePaymentCommand>): Promise<PaymentReply | null> {
    const { orderId } = command.payload;
    const payment = await this.payments.findByOrderId(orderId);
    if (!payment) throw new PaymentError('PAYMENT.NOT_FOUND', `order ${orderId} has no payment to capture`);
    if (payment.status === 'CAPTURED') return this.commands.handleOnce(command, async () => captureReply(command, payment));

    const captured = payment.capture();
    // Idempotent at the gateway (capturing a captured authorization changes nothing), so a
    // failure here just has the command retried.
    await this.gateway.capture(payment.authorizationId);
    let moved = false;
    const reply = await this.commands.handleOnce(command, async (writes) => {
      if (!(await writes.saveTransition(captured, 'AUTHORIZED'))) throw new ConcurrentPaymentChangeError(orderId);
      moved = true;
      return captureReply(command, captured);
    });
    if (reply && moved) {
      paymentsCounter.add({ outcome: 'CAPTURED' });
      this.logger.debug(`payment of order ${orderId} captured`);
    }
    return reply;
  }
}
