import { Injectable } from '@nestjs/common';
import type { Product } from '../../domain/product.js';
import { CatalogCache } from '../ports/catalog-cache.js';
import { ProductStore } from '../ports/product.store.js';

@Injectable()
export class ListProductsQuery {
  constructor(
    private readonly cache: CatalogCache,
    private readonly products: ProductStore,
  ) {}

  /** The whole catalog by SKU, from the cache when it has it. */
  execute(): Promise<Product[]> {
    return this.cache.productListing(() => this.products.findAll());
  }
}
