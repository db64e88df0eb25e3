import { Injectable } from '@nestjs/common';
import type { StockTransaction } from '../application/stock-transaction.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { CatalogCache } from './cache/catalog-cache.js';

/**
 * Generous bounds: 50 concurrent orders for one product queue on its row lock, and each waits
 * for a pooled connection first. Reservations themselves take milliseconds.
 */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 15_000 };

/** Runs a StockTransaction: commit first, then delete the cached entries of the products it changed. */
@Injectable()
export class StockTransactions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cache: CatalogCache,
  ) {}

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
