import { Injectable } from '@nestjs/common';
import { type AnyMessageDefinition, type MessageEnvelope, PAYMENT_DECLINE_REASONS, type PaymentDeclineReason } from '@shop/contracts';
import { Inbox, OutboxWriter } from '@shop/messaging';
import type { PaymentReply } from '../application/payment-reply.js';
import { PaymentStore, type PaymentWrites } from '../application/ports/payment-store.js';
import { type NewPayment, Payment, type PaymentStatus } from '../domain/payment.js';
import { type Payment as PaymentRow, type Prisma, PrismaClient } from '../generated/prisma/client.js';
import { PAYMENT_CONSUMER_GROUP } from './consumer-group.js';

/** Payments in this service's PostgreSQL, changed only together with the inbox and the outbox. */
@Injectable()
export class PrismaPaymentStore extends PaymentStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly inbox: Inbox,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async findByOrderId(orderId: string): Promise<Payment | null> {
    const row = await this.prisma.payment.findUnique({ where: { orderId } });
    return row ? toPayment(row) : null;
  }

  async handleOnce(command: MessageEnvelope, change: (payments: PaymentWrites) => Promise<PaymentReply | null>): Promise<PaymentReply | null> {
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.inbox.claim(tx, PAYMENT_CONSUMER_GROUP, command.messageId))) return null;
      const reply = await change(writesIn(tx));
      if (reply) await this.outbox.add(tx, reply.definition as AnyMessageDefinition, reply.message);
      return reply;
    });
  }
}

function writesIn(tx: Prisma.TransactionClient): PaymentWrites {
  return {
    async addUnlessExists(payment: NewPayment) {
      // ON CONFLICT DO NOTHING on the order id: a concurrent twin's row wins without an error
      // (which would abort the whole transaction), and both commands then answer from that row.
      // RETURNING gives the new row in the same statement; only a conflict reads the twin's.
      const [added] = await tx.payment.createManyAndReturn({ data: [payment], skipDuplicates: true });
      if (added) return { payment: toPayment(added), added: true };
      return { payment: toPayment(await tx.payment.findUniqueOrThrow({ where: { orderId: payment.orderId } })), added: false };
    },
    async saveTransition(payment: Payment, from: PaymentStatus) {
      // Conditional on the status read before the gateway call: a lost update is impossible.
      const { count } = await tx.payment.updateMany({ where: { id: payment.id, status: from }, data: { status: payment.status } });
      return count === 1;
    },
  };
}

function toPayment(row: PaymentRow): Payment {
  return Payment.restore({
    id: row.id,
    orderId: row.orderId,
    amountCents: row.amountCents,
    currency: row.currency,
    status: row.status,
    declineReason: row.declineReason === null ? null : declineReasonOf(row.declineReason),
    gatewayAuthorizationId: row.gatewayAuthorizationId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

function declineReasonOf(stored: string): PaymentDeclineReason {
  const reason = PAYMENT_DECLINE_REASONS.find((known) => known === stored);
  if (!reason) throw new Error(`payments.decline_reason holds "${stored}", which is not one of ${PAYMENT_DECLINE_REASONS.join(', ')}`);
  return reason;
}
