import type { Product, ProductPrice } from '../../domain/product.js';

/**
 * The catalog as readers see it: each product under its SKU, the whole list, and each product's
 * price apart. Every write deletes what it made stale once it has committed: stock changes with
 * every reservation and release (`stockChanged`), the rest only when an operator or the seed
 * writes a product (`productsChanged`). Prices are cached apart so that the first kind leaves them
 * cached: the order service prices every order, and a hot product is reserved many times a second.
 */
export abstract class CatalogCache {
  /** The product, or undefined when the catalog has no such SKU (remembered briefly too). */
  abstract product(sku: string, load: () => Promise<Product | undefined>): Promise<Product | undefined>;
  abstract productListing(load: () => Promise<Product[]>): Promise<Product[]>;
  /** The product's price, or undefined when the catalog has no such SKU; stock changes leave it cached. */
  abstract price(sku: string, load: () => Promise<ProductPrice | undefined>): Promise<ProductPrice | undefined>;
  /** Deletes what a committed change of these products' stock made stale: not their prices. Never throws. */
  abstract stockChanged(skus: Iterable<string>): Promise<void>;
  /** Deletes everything cached of these products, prices included, after a write of the whole product. Never throws. */
  abstract productsChanged(skus: Iterable<string>): Promise<void>;
}
