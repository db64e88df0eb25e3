import type { SqlTransaction } from '@shop/messaging';

/**
 * One database transaction that may change stock. Handlers run inside it and name the products
 * they changed, and how; their cached entries are deleted once the transaction has committed
 * (deleting earlier would let a reader cache the old row again before the commit). `db` is opaque
 * here: only the infrastructure reads it as what it is.
 */
export interface StockTransaction {
  readonly db: SqlTransaction;
  /** Only the units available moved (a reservation, a release): cached prices stay. */
  stockChanged(skus: Iterable<string>): void;
  /** The product was written as a whole (name, price, currency, stock). */
  productsChanged(skus: Iterable<string>): void;
}

/** Runs a StockTransaction: everything it writes commits together, then the cache forgets the changed products. */
export abstract class StockTransactions {
  abstract run<T>(work: (transaction: StockTransaction) => Promise<T>): Promise<T>;
}
