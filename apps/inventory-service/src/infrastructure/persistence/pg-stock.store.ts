import { Injectable } from '@nestjs/common';
import { StockStore, type TakeUnitsResult } from '../../application/ports/stock.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { RequestedLine } from '../../domain/reservation-plan.js';
import { Prisma } from '../../generated/prisma/client.js';
import { pgIn } from './pg-stock-transactions.js';

/** Stock in this service's PostgreSQL (SQL on node-postgres): conditional updates only, row locks in SKU order. */
@Injectable()
export class PgStockStore extends StockStore {
  /**
   * Two statements whatever the number of lines: the products' rows locked in SKU order (code-point
   * order, as planReservation sorts and returnUnits updates, so two orders never lock in opposite
   * orders), then, when every line is there and enough, one conditional decrement of them all. A
   * refusal decrements nothing. The rows stay locked to the commit, so the units read are the
   * units taken, and stock can never go below zero whatever runs beside it.
   */
  async takeUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<TakeUnitsResult> {
    const db = pgIn(transaction);
    const skus = lines.map((line) => line.sku);
    const rows = await db.rows<{ sku: string; available: number; price_cents: number; currency: string }>(Prisma.sql`
      SELECT sku, available, price_cents, currency FROM products
      WHERE sku = ANY(${skus}::text[])
      ORDER BY sku COLLATE "C"
      FOR UPDATE`);
    const products = new Map(rows.map((row) => [row.sku, row]));
    const unknown = skus.filter((sku) => !products.has(sku));
    if (unknown.length > 0) return { ok: false, reason: 'UNKNOWN_SKU', skus: unknown };
    const short = lines.filter((line) => products.get(line.sku)!.available < line.quantity).map((line) => line.sku);
    if (short.length > 0) return { ok: false, reason: 'INSUFFICIENT_STOCK', skus: short };
    const taken = await db.execute(Prisma.sql`
      UPDATE products SET available = available - line.quantity, updated_at = now()
      FROM unnest(${skus}::text[], ${lines.map((line) => line.quantity)}::int[]) AS line (sku, quantity)
      WHERE products.sku = line.sku AND products.available >= line.quantity`);
    // Locked and checked above: a line not taken here means the lock did not hold, a bug to stop at.
    if (taken !== lines.length) throw new Error(`took the units of ${taken} of ${lines.length} locked lines`);
    transaction.stockChanged(skus);
    const reserved = lines.map((line) => {
      const product = products.get(line.sku)!;
      return { ...line, unitPriceCents: product.price_cents, currency: product.currency };
    });
    return { ok: true, lines: reserved };
  }

  /** Gives the units of released lines back; lines in SKU order, like every stock change. */
  async returnUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<void> {
    for (const line of lines) {
      await pgIn(transaction).execute(Prisma.sql`
        UPDATE products SET available = available + ${line.quantity}, updated_at = now() WHERE sku = ${line.sku}`);
    }
    transaction.stockChanged(lines.map((line) => line.sku));
  }
}
