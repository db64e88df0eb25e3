import type { CatalogProduct } from '../list-products/catalog-product.js';

/** The last product list inventory returned, for while inventory is down. */
export abstract class LastGoodProducts {
  abstract remember(products: CatalogProduct[]): Promise<void>;
  /** null when no list was ever remembered. */
  abstract recall(): Promise<CatalogProduct[] | null>;
}
