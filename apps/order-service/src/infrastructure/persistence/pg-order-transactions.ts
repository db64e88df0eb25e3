import { Injectable } from '@nestjs/common';
import { PgDatabase, type PgTransaction } from '@shop/persistence';
import { OrderTransactions, type OrderTransaction } from '../../application/ports/order-transactions.js';

/**
 * Transactions straight on node-postgres (the pool under the Prisma client), READ COMMITTED as
 * PostgreSQL's default: the saga row lock (FOR UPDATE) serialises the work on one saga, and
 * nothing else needs more. Not Prisma's interactive transactions: placing an order and every
 * saga reply run in one, and Prisma's runtime around each statement was a fifth of this
 * service's CPU per order (README "Benchmarks").
 */
@Injectable()
export class PgOrderTransactions extends OrderTransactions {
  constructor(private readonly database: PgDatabase) {
    super();
  }

  run<T>(work: (tx: OrderTransaction) => Promise<T>): Promise<T> {
    return this.database.transaction(work);
  }
}

/**
 * The transaction opened by PgOrderTransactions. The application passes it around as an opaque
 * OrderTransaction; only this layer reads it as what it is.
 */
export function pgIn(tx: OrderTransaction): PgTransaction {
  return tx as PgTransaction;
}
