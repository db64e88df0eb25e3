import type { Product } from '../../domain/product.js';
import type { StockTransaction } from './stock-transactions.js';

/** The catalog's products, as the read side and the operators see them. */
export abstract class ProductStore {
  /** Every product, by SKU in code-point order (the same on every database, whatever its collation). */
  abstract findAll(): Promise<Product[]>;
  abstract findBySku(sku: string): Promise<Product | undefined>;
  /** Creates the product, or replaces its name, price, currency and available units. */
  abstract upsert(transaction: StockTransaction, product: Product): Promise<Product>;
  /** Adds the products the catalog does not have yet and leaves existing ones alone; returns the SKUs added. */
  abstract addMissing(transaction: StockTransaction, products: readonly Product[]): Promise<string[]>;
}
