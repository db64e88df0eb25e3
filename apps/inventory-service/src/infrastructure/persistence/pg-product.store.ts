import { Injectable } from '@nestjs/common';
import { PgDatabase } from '@shop/persistence';
import { ProductStore } from '../../application/ports/product.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { Product } from '../../domain/product.js';
import { compareSkus } from '../../domain/reservation-plan.js';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { pgIn } from './pg-stock-transactions.js';

const PRODUCT_FIELDS = { sku: true, name: true, priceCents: true, currency: true, available: true } as const;
const PRODUCT_COLUMNS = Prisma.sql`sku, name, price_cents AS "priceCents", currency, available`;

/**
 * The catalog's products in this service's PostgreSQL: the listing through Prisma, the rest in SQL
 * on node-postgres (PgDatabase, the pool under the Prisma client): writes in the transaction every
 * stock change runs in (PgStockTransactions), and the read of a product by SKU, which pricing
 * every order needs (its cached copy goes at every reservation, which changes its stock).
 */
@Injectable()
export class PgProductStore extends ProductStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly database: PgDatabase,
  ) {
    super();
  }

  /** Every product, by SKU in code-point order (the same on every database, whatever its collation). */
  async findAll(): Promise<Product[]> {
    const products = await this.prisma.product.findMany({ select: PRODUCT_FIELDS });
    return products.sort((a, b) => compareSkus(a.sku, b.sku));
  }

  async findBySku(sku: string): Promise<Product | undefined> {
    const [product] = await this.database.rows<Product>(Prisma.sql`SELECT ${PRODUCT_COLUMNS} FROM products WHERE sku = ${sku}`);
    return product;
  }

  /** Creates the product, or replaces its name, price, currency and available units. */
  async upsert(transaction: StockTransaction, product: Product): Promise<Product> {
    const { sku, name, priceCents, currency, available } = product;
    const [stored] = await pgIn(transaction).rows<Product>(Prisma.sql`
      INSERT INTO products (sku, name, price_cents, currency, available, updated_at)
      VALUES (${sku}, ${name}, ${priceCents}, ${currency}, ${available}, now())
      ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, currency = EXCLUDED.currency,
                                      available = EXCLUDED.available, updated_at = now()
      RETURNING ${PRODUCT_COLUMNS}`);
    transaction.productsChanged([sku]);
    return stored!;
  }

  /**
   * Adds the products the catalog does not have yet and leaves existing ones alone
   * (INSERT ... ON CONFLICT DO NOTHING), so a restart never resets stock. Returns the SKUs added.
   */
  async addMissing(transaction: StockTransaction, products: readonly Product[]): Promise<string[]> {
    const added = await pgIn(transaction).rows<{ sku: string }>(Prisma.sql`
      INSERT INTO products (sku, name, price_cents, currency, available, updated_at)
      SELECT product.*, now()
      FROM unnest(${products.map((p) => p.sku)}::text[], ${products.map((p) => p.name)}::text[], ${products.map((p) => p.priceCents)}::int[],
                  ${products.map((p) => p.currency)}::text[], ${products.map((p) => p.available)}::int[])
        AS product (sku, name, price_cents, currency, available)
      ON CONFLICT (sku) DO NOTHING
      RETURNING sku`);
    transaction.productsChanged(added.map((product) => product.sku));
    return added.map((product) => product.sku);
  }
}
