import { Injectable } from '@nestjs/common';
import type { Product } from '../../domain/product.js';
import { CatalogCache } from '../ports/catalog-cache.js';
import { ProductStore } from '../ports/product.store.js';

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
    const distinct = [...new Set(skus)];
    const found = await Promise.all(distinct.map((sku) => this.cache.product(sku, () => this.products.findBySku(sku))));
    const result: ProductsBySku = { products: [], unknownSkus: [] };
    distinct.forEach((sku, index) => {
      const product = found[index];
      if (product) result.products.push(product);
      else result.unknownSkus.push(sku);
    });
    return result;
  }
}
