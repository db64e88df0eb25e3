import { Injectable, Logger } from '@nestjs/common';
import { isDependencyOutage } from '../dependency-outage.js';
import { GatewayError } from '../gateway-error.js';
import { LastGoodProducts } from '../ports/last-good-products.js';
import { ProductCatalog } from '../ports/product-catalog.js';
import type { CatalogProduct } from './catalog-product.js';

export interface ProductList {
  products: CatalogProduct[];
  /** true when inventory could not be reached and this is the last list it returned. */
  stale: boolean;
}

/** The catalog from inventory; while inventory is down, the last list it returned, marked stale. */
@Injectable()
export class ListProductsQuery {
  private readonly logger = new Logger(ListProductsQuery.name);

  constructor(
    private readonly inventory: ProductCatalog,
    private readonly lastGood: LastGoodProducts,
  ) {}

  async execute(): Promise<ProductList> {
    let products: CatalogProduct[];
    try {
      products = (await this.inventory.listProducts()).map(({ sku, name, priceCents, currency, available }) => ({ sku, name, priceCents, currency, available }));
    } catch (error) {
      if (!isDependencyOutage(error)) throw error;
      return { products: await this.recallOrFail(error), stale: true };
    }
    // The fresh list is the answer whether or not it could be cached.
    await this.lastGood.remember(products).catch((error: unknown) => this.logger.warn(`could not cache the product list: ${messageOf(error)}`));
    return { products, stale: false };
  }

  private async recallOrFail(outage: unknown): Promise<CatalogProduct[]> {
    const cached = await this.lastGood.recall().catch((error: unknown) => {
      this.logger.warn(`could not read the cached product list: ${messageOf(error)}`);
      return null;
    });
    if (cached === null) {
      this.logger.warn(`inventory unavailable and no product list cached: ${messageOf(outage)}`);
      throw new GatewayError('CATALOG.UNAVAILABLE', 'the product catalog is unavailable, try again later');
    }
    this.logger.warn(`inventory unavailable, serving the last product list (stale): ${messageOf(outage)}`);
    return cached;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
