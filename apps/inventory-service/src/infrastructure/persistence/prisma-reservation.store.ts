import { Injectable } from '@nestjs/common';
import { ReservationStore, type ReservationOwner } from '../../application/ports/reservation.store.js';
import type { StockTransaction } from '../../application/ports/stock-transactions.js';
import type { Reservation, ReservationFailureReason, ReservationStatus } from '../../domain/reservation.js';
import { compareSkus, type ReservedLine } from '../../domain/reservation-plan.js';
import { prismaIn } from './prisma-stock-transactions.js';

/** Namespace of the advisory locks taken here, so they cannot meet another use of advisory locks. */
const ORDER_LOCK_NAMESPACE = 4_711;

/** Reservations in this service's PostgreSQL, one row per order (`order_id` unique). */
@Injectable()
export class PrismaReservationStore extends ReservationStore {
  /**
   * Serialises every command about one order until the transaction ends, so a reserve and a
   * release (or two deliveries of one command) for the same order never interleave. Orders
   * whose ids share a hash wait for each other briefly; nothing worse.
   */
  async lockOrder(transaction: StockTransaction, orderId: string): Promise<void> {
    await prismaIn(transaction).$executeRaw`SELECT pg_advisory_xact_lock(${ORDER_LOCK_NAMESPACE}::int4, hashtext(${orderId}::text))`;
  }

  async findByOrder(transaction: StockTransaction, orderId: string): Promise<Reservation | null> {
    const row = await prismaIn(transaction).stockReservation.findUnique({ where: { orderId }, include: { lines: true } });
    if (!row) return null;
    return {
      id: row.id,
      orderId: row.orderId,
      status: row.status,
      // In SKU order, the order every stock change locks product rows in.
      lines: row.lines
        .map(({ sku, quantity, unitPriceCents, currency }) => ({ sku, quantity, unitPriceCents, currency }))
        .sort((a, b) => compareSkus(a.sku, b.sku)),
      failureReason: row.failureReason,
      failedSkus: row.failedSkus,
    };
  }

  async recordReserved(transaction: StockTransaction, owner: ReservationOwner, lines: readonly ReservedLine[]): Promise<void> {
    await prismaIn(transaction).stockReservation.create({
      data: { ...owner, status: 'RESERVED', lines: { create: lines.map((line) => ({ ...line })) } },
    });
  }

  async recordRejected(transaction: StockTransaction, owner: ReservationOwner, reason: ReservationFailureReason, skus: readonly string[]): Promise<void> {
    await prismaIn(transaction).stockReservation.create({ data: { ...owner, status: 'REJECTED', failureReason: reason, failedSkus: [...skus] } });
  }

  /** A RELEASED reservation without lines: the order's release came before any reservation. */
  async recordEarlyRelease(transaction: StockTransaction, owner: ReservationOwner): Promise<void> {
    await prismaIn(transaction).stockReservation.create({ data: { ...owner, status: 'RELEASED' } });
  }

  /** Moves a reservation on from `from`; false when it was not in `from` (nothing changed). */
  async changeStatus(transaction: StockTransaction, id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean> {
    const { count } = await prismaIn(transaction).stockReservation.updateMany({ where: { id, status: from }, data: { status: to } });
    return count === 1;
  }

  /**
   * The oldest reservation still RESERVED since before `heldSince`. Not locked here: the caller
   * takes the order's lock first, as every command about an order does, and reads it again.
   */
  async findOldestExpiredHold(transaction: StockTransaction, heldSince: Date): Promise<{ id: string; orderId: string } | null> {
    const rows = await prismaIn(transaction).$queryRaw<{ id: string; order_id: string }[]>`
      SELECT id, order_id FROM stock_reservations
      WHERE status = 'RESERVED' AND created_at < ${heldSince}
      ORDER BY created_at
      LIMIT 1`;
    const row = rows[0];
    return row ? { id: row.id, orderId: row.order_id } : null;
  }

  /** RESERVED → RELEASED because the hold ran out; false when it was no longer RESERVED. */
  async recordExpired(transaction: StockTransaction, id: string, at: Date): Promise<boolean> {
    const { count } = await prismaIn(transaction).stockReservation.updateMany({ where: { id, status: 'RESERVED' }, data: { status: 'RELEASED', expiredAt: at } });
    return count === 1;
  }
}
