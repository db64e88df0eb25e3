import { Injectable } from '@nestjs/common';
import { PgDatabase, type PgTransaction } from '@shop/persistence';
import { CatalogCache } from '../../application/ports/catalog-cache.js';
import { StockTransactions, type StockTransaction } from '../../application/ports/stock-transactions.js';

/**
 * Transactions straight on node-postgres (the pool under the Prisma client; PgDatabase says why
 * not Prisma's): commit first, then delete the cached entries of the products changed. Their
 * bounds are the pool's: a statement (a wait on a product's row lock included) 15 s, a pooled
 * connection 10 s away under a burst of orders. Reservations themselves take milliseconds.
 */
@Injectable()
export class PgStockTransactions extends StockTransactions {
  constructor(
    private readonly database: PgDatabase,
    private readonly cache: CatalogCache,
  ) {
    super();
  }

  async run<T>(work: (transaction: StockTransaction) => Promise<T>): Promise<T> {
    const stock = new Set<string>();
    const products = new Set<string>();
    const result = await this.database.transaction((db) =>
      work({
        db,
        stockChanged: (skus) => addAll(stock, skus),
        productsChanged: (skus) => addAll(products, skus),
      }),
    );
    if (products.size > 0) await this.cache.productsChanged(products);
    const stockOnly = [...stock].filter((sku) => !products.has(sku));
    if (stockOnly.length > 0) await this.cache.stockChanged(stockOnly);
    return result;
  }
}

function addAll(set: Set<string>, skus: Iterable<string>): void {
  for (const sku of skus) set.add(sku);
}

/** The node-postgres transaction of a StockTransaction; the application sees it as opaque. */
export function pgIn(transaction: StockTransaction): PgTransaction {
  return transaction.db as PgTransaction;
}
