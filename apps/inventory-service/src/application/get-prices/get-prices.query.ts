import { Injectable } from '@nestjs/common';
import { priceOf, type ProductPrice } from '../../domain/product.js';
import { CatalogCache } from '../ports/catalog-cache.js';
import { ProductStore } from '../ports/product.store.js';
import { lookUpEach } from '../sku-lookup.js';

export interface PricesBySku {
  /** In the order asked, each SKU once. */
  prices: ProductPrice[];
  unknownSkus: string[];
}

/**
 * The prices the order service prices an order with. Served from their own cache entries, which
 * reservations leave alone: with a product's whole entry, every order for it would find the
 * entry deleted by the previous order's reservation and read the database again.
 */
@Injectable()
export class GetPricesQuery {
  constructor(
    private readonly cache: CatalogCache,
    private readonly products: ProductStore,
  ) {}

  /** The prices of these SKUs; SKUs the catalog does not know are listed apart, not an error. */
  async execute(skus: readonly string[]): Promise<PricesBySku> {
    const { found, unknownSkus } = await lookUpEach(skus, (sku) => this.cache.price(sku, () => this.loadPrice(sku)));
    return { prices: found, unknownSkus };
  }

  private async loadPrice(sku: string): Promise<ProductPrice | undefined> {
    const product = await this.products.findBySku(sku);
    return product && priceOf(product);
  }
}
