import { Injectable } from '@nestjs/common';
import { ProductStore } from '../../application/ports/product.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { Product } from '../../domain/product.js';
import { compareSkus } from '../../domain/reservation-plan.js';
import { PrismaClient } from '../../generated/prisma/client.js';
import { prismaIn } from './prisma-stock-transactions.js';

const PRODUCT_FIELDS = { sku: true, name: true, priceCents: true, currency: true, available: true } as const;

/** The catalog's products in this service's PostgreSQL. */
@Injectable()
export class PrismaProductStore extends ProductStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  /** Every product, by SKU in code-point order (the same on every database, whatever its collation). */
  async findAll(): Promise<Product[]> {
    const products = await this.prisma.product.findMany({ select: PRODUCT_FIELDS });
    return products.sort((a, b) => compareSkus(a.sku, b.sku));
  }

  async findBySku(sku: string): Promise<Product | undefined> {
    return (await this.prisma.product.findUnique({ where: { sku }, select: PRODUCT_FIELDS })) ?? undefined;
  }

  /** Creates the product, or replaces its name, price, currency and available units. */
  async upsert(transaction: StockTransaction, product: Product): Promise<Product> {
    const { sku, ...fields } = product;
    const stored = await prismaIn(transaction).product.upsert({ where: { sku }, create: product, update: fields, select: PRODUCT_FIELDS });
    transaction.productsChanged([sku]);
    return stored;
  }

  /**
   * Adds the products the catalog does not have yet and leaves existing ones alone
   * (INSERT ... ON CONFLICT DO NOTHING), so a restart never resets stock. Returns the SKUs added.
   */
  async addMissing(transaction: StockTransaction, products: readonly Product[]): Promise<string[]> {
    const added = await prismaIn(transaction).product.createManyAndReturn({ data: [...products], skipDuplicates: true, select: { sku: true } });
    transaction.productsChanged(added.map((product) => product.sku));
    return added.map((product) => product.sku);
  }
}
