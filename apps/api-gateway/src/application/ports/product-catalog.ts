import type { inventoryV1 } from '@shop/contracts';

/** inventory-service's catalog. */
export abstract class ProductCatalog {
  abstract listProducts(): Promise<inventoryV1.Product[]>;
}
