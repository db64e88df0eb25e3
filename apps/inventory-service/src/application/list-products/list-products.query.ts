import { Injectable } from '@nestjs/common';
import type { Product } from '../../domain/product.js';
import { CatalogCache } from '../../infrastructure/cache/catalog-cache.js';
import { ProductRepository } from '../../infrastructure/product.repository.js';

@Injectable()
export class ListProductsQuery {
  constructor(
    private readonly cache: CatalogCache,
    private readonly products: ProductRepository,
  ) {}

  /** The whole catalog by SKU, from the cache when it has it. */
  listProducts(): Promise<Product[]> {
    return this.cache.productListing(() => this.products.findAll());
  }
}
