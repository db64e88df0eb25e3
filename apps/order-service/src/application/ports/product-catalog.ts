/** What placing an order needs to know of a product. */
export interface CatalogProduct {
  readonly sku: string;
  readonly priceCents: number;
  readonly currency: string;
}

export interface CatalogLookup {
  readonly products: readonly CatalogProduct[];
  readonly unknownSkus: readonly string[];
}

/** The inventory's catalog. Throws OrderError ORDER.CATALOG_UNAVAILABLE when it cannot be read. */
export abstract class ProductCatalog {
  abstract findProducts(skus: readonly string[]): Promise<CatalogLookup>;
}
