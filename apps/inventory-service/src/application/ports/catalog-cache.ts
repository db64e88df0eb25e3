import type { Product } from '../../domain/product.js';

/**
 * The catalog as readers see it: each product under its SKU, and the whole list. Stock changes
 * with every reservation, so every write calls `productsChanged` after its commit.
 */
export abstract class CatalogCache {
  /** The product, or undefined when the catalog has no such SKU (remembered briefly too). */
  abstract product(sku: string, load: () => Promise<Product | undefined>): Promise<Product | undefined>;
  abstract productListing(load: () => Promise<Product[]>): Promise<Product[]>;
  /** Deletes what the committed change of these products made stale. Never throws. */
  abstract productsChanged(skus: Iterable<string>): Promise<void>;
}
