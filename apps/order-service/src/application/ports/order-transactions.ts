import type { SqlTransaction } from '@shop/messaging';

/** An open transaction of the order database, handed to the stores, the outbox and the inbox. */
export type OrderTransaction = SqlTransaction;

/** Runs work in one database transaction: everything it writes commits together, or nothing does. */
export abstract class OrderTransactions {
  abstract run<T>(work: (tx: OrderTransaction) => Promise<T>): Promise<T>;
}
