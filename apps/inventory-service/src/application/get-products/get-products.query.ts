import { Injectable } from '@nestjs/common';
import type { Product } from '../../domain/product.js';
import { CatalogCache } from '../ports/catalog-cache.js';
import { ProductStore } from '../ports/product.store.js';
import { lookUpEach } from '../sku-lookup.js';

export interface ProductsBySku {
  /** In the order asked, each SKU once. */
  products: Product[];
  unknownSkus: string[];
}

@Injectable()
export class GetProductsQuery {
  constructor(
    private readonly cache: CatalogCache,
    private readonly products: ProductStore,
  ) {}

  /** The products with these SKUs; SKUs the catalog does not know are listed apart, not an error. */
  async execute(skus: readonly string[]): Promise<ProductsBySku> {
    const { found, unknownSkus } = await lookUpEach(skus, (sku) => this.cache.product(sku, () => this.products.findBySku(sku)));
    return { products: found, unknownSkus };
  }
}
