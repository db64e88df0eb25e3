import { Injectable } from '@nestjs/common';
import { PAYMENT_DECLINE_REASONS, type PaymentDeclineReason } from '@shop/contracts';
import { PaymentStore, PaymentTransactions, type PaymentTransaction, type PaymentWrites } from '../application/ports/payment-store.js';
import { type NewPayment, Payment, type PaymentStatus } from '../domain/payment.js';
import { type Payment as PaymentRow, type Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Payments in this service's PostgreSQL. */
@Injectable()
export class PrismaPaymentStore extends PaymentStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  async findByOrderId(orderId: string): Promise<Payment | null> {
    const row = await this.prisma.payment.findUnique({ where: { orderId } });
    return row ? toPayment(row) : null;
  }

  writesIn(tx: PaymentTransaction): PaymentWrites {
    return writesIn(tx as Prisma.TransactionClient);
  }
}

/** Interactive Prisma transactions, READ COMMITTED: the conditional updates guard against lost updates. */
@Injectable()
export class PrismaPaymentTransactions extends PaymentTransactions {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  run<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(tx));
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
