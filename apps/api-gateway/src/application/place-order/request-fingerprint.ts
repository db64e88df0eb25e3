import { createHash } from 'node:crypto';
import type { OrderRequestBody } from './place-order.command.js';

/**
 * sha256 of the body in a canonical form: fixed key order, and items sorted by SKU (each SKU occurs
 * once, so the order of the lines says nothing). Fields the schema dropped never reach it, so an
 * extra unknown field does not make a retry look like a different request.
 */
export function fingerprintOf(body: OrderRequestBody): string {
  const canonical = {
    items: [...body.items].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)).map(({ sku, quantity }) => [sku, quantity]),
    paymentToken: body.paymentToken,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
