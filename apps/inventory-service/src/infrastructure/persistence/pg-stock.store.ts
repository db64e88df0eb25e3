import { Injectable } from '@nestjs/common';
import { StockStore, type TakeUnitsResult } from '../../application/ports/stock.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { RequestedLine, ReservedLine } from '../../domain/reservation-plan.js';
import { Prisma } from '../../generated/prisma/client.js';
import { pgIn } from './pg-stock-transactions.js';

/** Stock in this service's PostgreSQL (SQL on node-postgres): conditional updates only, row locks in SKU order. */
@Injectable()
export class PgStockStore extends StockStore {
  /** The SKUs among `skus` that the catalog does not have. */
  async unknownSkus(transaction: StockTransaction, skus: readonly string[]): Promise<string[]> {
    const known = await pgIn(transaction).rows<{ sku: string }>(Prisma.sql`SELECT sku FROM products WHERE sku = ANY(${[...skus]}::text[])`);
    const knownSkus = new Set(known.map((product) => product.sku));
    return skus.filter((sku) => !knownSkus.has(sku));
  }

  /**
   * Takes the units of every line, or of none. Each decrement only happens while enough units
   * are there (`available >= n`, re-checked by PostgreSQL after waiting for a concurrent writer's
   * row lock), so stock can never go below zero whatever runs beside it; if any line falls short,
   * the lines already taken are undone by rolling back to a savepoint, which keeps the caller's
   * transaction (and its inbox claim) usable for recording the refusal. Lines must come from
   * planReservation (sorted by SKU, so row locks are always taken in the same order).
   */
  async takeUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<TakeUnitsResult> {
    const db = pgIn(transaction);
    await db.execute(Prisma.sql`SAVEPOINT take_units`);
    const taken: ReservedLine[] = [];
    const shortSkus: string[] = [];
    for (const line of lines) {
      const [row] = await db.rows<{ price_cents: number; currency: string }>(Prisma.sql`
        UPDATE products SET available = available - ${line.quantity}, updated_at = now()
        WHERE sku = ${line.sku} AND available >= ${line.quantity}
        RETURNING price_cents, currency`);
      if (row) taken.push({ ...line, unitPriceCents: row.price_cents, currency: row.currency });
      else shortSkus.push(line.sku);
    }
    if (shortSkus.length > 0) {
      await db.execute(Prisma.sql`ROLLBACK TO SAVEPOINT take_units`);
      return { ok: false, shortSkus };
    }
    await db.execute(Prisma.sql`RELEASE SAVEPOINT take_units`);
    transaction.productsChanged(lines.map((line) => line.sku));
    return { ok: true, lines: taken };
  }

  /** Gives the units of released lines back; lines in SKU order, like every stock change. */
  async returnUnits(transaction: StockTransaction, lines: readonly RequestedLine[]): Promise<void> {
    for (const line of lines) {
      await pgIn(transaction).execute(Prisma.sql`
        UPDATE products SET available = available + ${line.quantity}, updated_at = now() WHERE sku = ${line.sku}`);
    }
    transaction.productsChanged(lines.map((line) => line.sku));
  }
}
