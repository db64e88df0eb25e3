/** A catalog entry as the service answers it. */
export interface Product {
  sku: string;
  name: string;
  /** Integer cents of `currency`, never a float. */
  priceCents: number;
  currency: string;
  /** Units that can still be reserved: reserved units are already subtracted. */
  available: number;
}

/**
 * What an order is priced from: a product's catalog data without its stock, which changes with
 * every order while a price changes only when an operator sets it.
 */
export type ProductPrice = Pick<Product, 'sku' | 'priceCents' | 'currency'>;

export function priceOf({ sku, priceCents, currency }: Product): ProductPrice {
  return { sku, priceCents, currency };
}

/**
 * The catalog sells in one currency. An order is priced in a single currency (the StockReserved
 * reply carries one), so letting products differ would make some baskets impossible to price.
 */
export const CATALOG_CURRENCY = 'EUR';

/** Upper-case kebab case, e.g. `USB-C-CABLE-1M`: readable in logs and URLs, never ambiguous in case. */
export const SKU_FORMAT = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
export const SKU_MAX_LENGTH = 64;
