import { Injectable } from '@nestjs/common';
import { CatalogCache } from '../../application/ports/catalog-cache.js';
import { StockTransactions, type StockTransaction } from '../../application/ports/stock-transactions.js';
import { type Prisma, PrismaClient } from '../../generated/prisma/client.js';

/**
 * Generous bounds: 50 concurrent orders for one product queue on its row lock, and each waits
 * for a pooled connection first. Reservations themselves take milliseconds.
 */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 15_000 };

/** Interactive Prisma transactions: commit first, then delete the cached entries of the products changed. */
@Injectable()
export class PrismaStockTransactions extends StockTransactions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cache: CatalogCache,
  ) {
    super();
  }

  async run<T>(work: (transaction: StockTransaction) => Promise<T>): Promise<T> {
    const changed = new Set<string>();
    const result = await this.prisma.$transaction(
      (db) =>
        work({
          db,
          productsChanged: (skus) => {
            for (const sku of skus) changed.add(sku);
          },
        }),
      TRANSACTION_LIMITS,
    );
    if (changed.size > 0) await this.cache.productsChanged(changed);
    return result;
  }
}

/** The Prisma client of a transaction opened by PrismaStockTransactions; the application sees it as opaque. */
export function prismaIn(transaction: StockTransaction): Prisma.TransactionClient {
  return transaction.db as Prisma.TransactionClient;
}
