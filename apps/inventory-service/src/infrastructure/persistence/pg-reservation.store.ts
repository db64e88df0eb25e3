import { randomUUIDv7 } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ReservationStore, type ReservationOwner } from '../../application/ports/reservation.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { Reservation, ReservationFailureReason, ReservationStatus } from '../../domain/reservation.js';
import { compareSkus, type ReservedLine } from '../../domain/reservation-plan.js';
import { Prisma } from '../../generated/prisma/client.js';
import { pgIn } from './pg-stock-transactions.js';

/** Namespace of the advisory locks taken here, so they cannot meet another use of advisory locks. */
const ORDER_LOCK_NAMESPACE = 4_711;

interface ReservationRow {
  id: string;
  order_id: string;
  status: ReservationStatus;
  failure_reason: ReservationFailureReason | null;
  failed_skus: string[];
  lines: Array<{ sku: string; quantity: number; unitPriceCents: number; currency: string }>;
}

/**
 * Reservations in this service's PostgreSQL, one row per order (`order_id` unique). SQL on
 * node-postgres (PgDatabase): every statement here runs for every order.
 */
@Injectable()
export class PgReservationStore extends ReservationStore {
  /**
   * Serialises every command about one order until the transaction ends, so a reserve and a
   * release (or two deliveries of one command) for the same order never interleave. Orders
   * whose ids share a hash wait for each other briefly; nothing worse.
   */
  async lockOrder(transaction: StockTransaction, orderId: string): Promise<void> {
    await pgIn(transaction).execute(Prisma.sql`SELECT pg_advisory_xact_lock(${ORDER_LOCK_NAMESPACE}::int4, hashtext(${orderId}::text))`);
  }

  /** The reservation and its lines, in one statement. */
  async findByOrder(transaction: StockTransaction, orderId: string): Promise<Reservation | null> {
    const [row] = await pgIn(transaction).rows<ReservationRow>(Prisma.sql`
      SELECT r.id, r.order_id, r.status::text AS status, r.failure_reason::text AS failure_reason, coalesce(r.failed_skus, '{}')::text[] AS failed_skus,
             (SELECT coalesce(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents,
                                                         'currency', l.currency)), '[]'::json)
                FROM stock_reservation_lines l WHERE l.reservation_id = r.id) AS lines
      FROM stock_reservations r WHERE r.order_id = ${orderId}::uuid`);
    if (!row) return null;
    return {
      id: row.id,
      orderId: row.order_id,
      status: row.status,
      // In SKU order, the order every stock change locks product rows in.
      lines: row.lines.sort((a, b) => compareSkus(a.sku, b.sku)),
      failureReason: row.failure_reason,
      failedSkus: row.failed_skus,
    };
  }

  /** The reservation and its lines, in one statement. */
  async recordReserved(transaction: StockTransaction, owner: ReservationOwner, lines: readonly ReservedLine[]): Promise<void> {
    await pgIn(transaction).execute(Prisma.sql`
      WITH reservation AS (
        INSERT INTO stock_reservations (id, order_id, saga_id, status, updated_at)
        VALUES (${randomUUIDv7()}::uuid, ${owner.orderId}::uuid, ${owner.sagaId}::uuid, 'RESERVED', now())
        RETURNING id)
      INSERT INTO stock_reservation_lines (reservation_id, sku, quantity, unit_price_cents, currency)
      SELECT reservation.id, line.sku, line.quantity, line.unit_price_cents, line.currency
      FROM reservation, unnest(${lines.map((line) => line.sku)}::text[], ${lines.map((line) => line.quantity)}::int[],
                               ${lines.map((line) => line.unitPriceCents)}::int[], ${lines.map((line) => line.currency)}::text[])
        AS line (sku, quantity, unit_price_cents, currency)`);
  }

  async recordRejected(transaction: StockTransaction, owner: ReservationOwner, reason: ReservationFailureReason, skus: readonly string[]): Promise<void> {
    await pgIn(transaction).execute(Prisma.sql`
      INSERT INTO stock_reservations (id, order_id, saga_id, status, failure_reason, failed_skus, updated_at)
      VALUES (${randomUUIDv7()}::uuid, ${owner.orderId}::uuid, ${owner.sagaId}::uuid, 'REJECTED', ${reason}::reservation_failure_reason,
              ${[...skus]}::varchar(64)[], now())`);
  }

  /** A RELEASED reservation without lines: the order's release came before any reservation. */
  async recordEarlyRelease(transaction: StockTransaction, owner: ReservationOwner): Promise<void> {
    await pgIn(transaction).execute(Prisma.sql`
      INSERT INTO stock_reservations (id, order_id, saga_id, status, updated_at)
      VALUES (${randomUUIDv7()}::uuid, ${owner.orderId}::uuid, ${owner.sagaId}::uuid, 'RELEASED', now())`);
  }

  /** Moves a reservation on from `from`; false when it was not in `from` (nothing changed). */
  async changeStatus(transaction: StockTransaction, id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean> {
    const count = await pgIn(transaction).execute(Prisma.sql`
      UPDATE stock_reservations SET status = ${to}::reservation_status, updated_at = now()
      WHERE id = ${id}::uuid AND status = ${from}::reservation_status`);
    return count === 1;
  }

  /**
   * The oldest reservation still RESERVED since before `heldSince`. Not locked here: the caller
   * takes the order's lock first, as every command about an order does, and reads it again.
   */
  async findOldestExpiredHold(transaction: StockTransaction, heldSince: Date): Promise<{ id: string; orderId: string } | null> {
    const [row] = await pgIn(transaction).rows<{ id: string; order_id: string }>(Prisma.sql`
      SELECT id, order_id FROM stock_reservations
      WHERE status = 'RESERVED' AND created_at < ${heldSince}
      ORDER BY created_at
      LIMIT 1`);
    return row ? { id: row.id, orderId: row.order_id } : null;
  }

  /** RESERVED → RELEASED because the hold ran out; false when it was no longer RESERVED. */
  async recordExpired(transaction: StockTransaction, id: string, at: Date): Promise<boolean> {
    const count = await pgIn(transaction).execute(Prisma.sql`
      UPDATE stock_reservations SET status = 'RELEASED', expired_at = ${at}, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'RESERVED'`);
    return count === 1;
  }
}
