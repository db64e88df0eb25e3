import { randomUUIDv7 } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PAYMENT_DECLINE_REASONS, type PaymentDeclineReason } from '@shop/contracts';
import { PgDatabase, type PgTransaction, type SqlQueries } from '@shop/persistence';
import { PaymentStore, PaymentTransactions, type PaymentTransaction, type PaymentWrites } from '../application/ports/payment-store.js';
import { type NewPayment, Payment, type PaymentStatus } from '../domain/payment.js';
import { Prisma } from '../generated/prisma/client.js';

/**
 * Payments in this service's PostgreSQL, in SQL straight on node-postgres (PgDatabase, the pool
 * under the Prisma client; Prisma.sql only builds the statements): each statement runs for every
 * saga step of every order, and Prisma's runtime around it (its query compiler, a WebAssembly
 * module, for ORM calls; its request pipeline for every call) was a quarter of the service's CPU.
 */
@Injectable()
export class PgPaymentStore extends PaymentStore {
  constructor(private readonly database: PgDatabase) {
    super();
  }

  async findByOrderId(orderId: string): Promise<Payment | null> {
    const row = await rowOfOrder(this.database, orderId);
    return row ? toPayment(row) : null;
  }

  writesIn(tx: PaymentTransaction): PaymentWrites {
    return writesIn(tx as PgTransaction);
  }
}

/** Transactions on node-postgres, READ COMMITTED: the conditional updates guard against lost updates. */
@Injectable()
export class PgPaymentTransactions extends PaymentTransactions {
  constructor(private readonly database: PgDatabase) {
    super();
  }

  run<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T> {
    return this.database.transaction(work);
  }
}

/** The columns as the domain names them. */
const COLUMNS = Prisma.sql`id, order_id AS "orderId", amount_cents AS "amountCents", currency, status::text AS status,
  decline_reason AS "declineReason", gateway_authorization_id AS "gatewayAuthorizationId", created_at AS "createdAt", updated_at AS "updatedAt"`;

interface PaymentRow {
  id: string;
  orderId: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  declineReason: string | null;
  gatewayAuthorizationId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

async function rowOfOrder(db: SqlQueries, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.rows<PaymentRow>(Prisma.sql`SELECT ${COLUMNS} FROM payments WHERE order_id = ${orderId}::uuid`);
  return row;
}

function writesIn(tx: PgTransaction): PaymentWrites {
  return {
    async addUnlessExists(payment: NewPayment) {
      // ON CONFLICT DO NOTHING on the order id: a concurrent twin's row wins without an error
      // (which would abort the whole transaction), and both commands then answer from that row.
      // RETURNING gives the new row in the same statement; only a conflict reads the twin's.
      const [added] = await tx.rows<PaymentRow>(Prisma.sql`
        INSERT INTO payments (id, order_id, amount_cents, currency, status, decline_reason, gateway_authorization_id, updated_at)
        VALUES (${randomUUIDv7()}::uuid, ${payment.orderId}::uuid, ${payment.amountCents}, ${payment.currency}, ${payment.status}::payment_status,
                ${payment.declineReason}, ${payment.gatewayAuthorizationId}, now())
        ON CONFLICT (order_id) DO NOTHING
        RETURNING ${COLUMNS}`);
      if (added) return { payment: toPayment(added), added: true };
      const twin = await rowOfOrder(tx, payment.orderId);
      if (!twin) throw new Error(`the payment of order ${payment.orderId} conflicted on insert and cannot be read`);
      return { payment: toPayment(twin), added: false };
    },
    async saveTransition(payment: Payment, from: PaymentStatus) {
      // Conditional on the status read before the gateway call: a lost update is impossible.
      const count = await tx.execute(Prisma.sql`
        UPDATE payments SET status = ${payment.status}::payment_status, updated_at = now()
        WHERE id = ${payment.id}::uuid AND status = ${from}::payment_status`);
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
