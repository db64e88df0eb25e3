import { OrderError } from '../../domain/order/order.errors.js';
import { totalCentsOf, type PricedLine, type RequestedLine } from '../../domain/order/order-line.js';
import type { CatalogLookup } from '../ports/product-catalog.js';

export interface PricedOrder {
  readonly items: PricedLine[];
  readonly totalCents: number;
  readonly currency: string;
}

/**
 * Prices the lines from a catalog read. The inventory prices them again when it reserves the
 * stock, and that price is what the customer pays; this one is what the order shows until then.
 */
export function priceLines(lines: readonly RequestedLine[], catalog: CatalogLookup): PricedOrder {
  const bySku = new Map(catalog.products.map((product) => [product.sku, product]));
  const unknown = [...new Set([...catalog.unknownSkus, ...lines.filter((line) => !bySku.has(line.sku)).map((line) => line.sku)])];
  if (unknown.length > 0) throw new OrderError('ORDER.UNKNOWN_SKUS', `unknown SKUs: ${unknown.join(', ')}`);

  const items = lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPriceCents: bySku.get(line.sku)!.priceCents }));
  const currencies = [...new Set(lines.map((line) => bySku.get(line.sku)!.currency))];
  if (currencies.length !== 1) throw new OrderError('ORDER.MIXED_CURRENCIES', `one order cannot mix currencies (${currencies.join(', ')})`);
  return { items, totalCents: totalCentsOf(items), currency: currencies[0]! };
}
