import { InventoryError } from './inventory-error.js';

/** What an order asks for: a SKU and how many units. */
export interface RequestedLine {
  sku: string;
  quantity: number;
}

/** Units taken from a product, at the price and in the currency the catalog had at that moment. */
export interface ReservedLine extends RequestedLine {
  unitPriceCents: number;
  currency: string;
}

export interface PricedReservation {
  items: { sku: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
}

/**
 * One line per SKU (quantities of repeated SKUs added up), sorted by SKU. Every transaction that
 * changes stock touches product rows in this order, so two of them can never each hold a row the
 * other waits for (no deadlock), and a reservation row has one line per product.
 */
export function planReservation(items: readonly RequestedLine[]): RequestedLine[] {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of items) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  return [...quantities].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => compareSkus(a.sku, b.sku));
}

/** Byte order, the same as PostgreSQL's "C" collation, so the order does not depend on the locale. */
export function compareSkus(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order's lines with their unit prices and the total, all in the one currency the lines share. */
export function priceReservation(lines: readonly ReservedLine[]): PricedReservation {
  const currencies = new Set(lines.map((line) => line.currency));
  const [currency] = currencies;
  if (currency === undefined) throw new Error('a reservation has at least one line');
  if (currencies.size > 1) {
    throw new InventoryError('INVENTORY.MIXED_CURRENCIES', `the lines are priced in ${[...currencies].sort().join(', ')}`);
  }
  const items = lines.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents }));
  const totalCents = items.reduce((total, line) => total + line.quantity * line.unitPriceCents, 0);
  return { items, totalCents, currency };
}
