import type { Prisma } from '../generated/prisma/client.js';

/**
 * One database transaction that may change stock. Handlers run inside it and name the products
 * they changed; their cached entries are deleted once the transaction has committed (deleting
 * earlier would let a reader cache the old row again before the commit).
 */
export interface StockTransaction {
  readonly db: Prisma.TransactionClient;
  productsChanged(skus: Iterable<string>): void;
}
