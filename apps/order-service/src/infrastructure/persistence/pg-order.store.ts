import { randomUUIDv7 } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUniqueViolation, PgDatabase } from '@shop/persistence';
import { IdempotencyKeyTakenError, OrderStore, type NewOrder, type OrderPosition, type OrderView, type PlacedOrder } from '../../application/ports/order.store.js';
import type { OrderTransaction } from '../../application/ports/order-transactions.js';
import type { OrderChange } from '../../domain/saga/order-saga.js';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ORDER_VIEW_INCLUDE, toOrderView } from './order-rows.js';
import { pgIn } from './pg-order-transactions.js';

/** Orders in this service's PostgreSQL: SQL on node-postgres for placing and advancing them, Prisma for the views. */
@Injectable()
export class PgOrderStore extends OrderStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly database: PgDatabase,
  ) {
    super();
  }

  /** SQL on node-postgres, as every statement of placing an order (PgOrderTransactions says why). */
  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<PlacedOrder | null> {
    const [row] = await this.database.rows<{ id: string; status: PlacedOrder['status'] }>(
      Prisma.sql`SELECT id, status::text AS status FROM orders WHERE user_id = ${userId}::uuid AND idempotency_key = ${idempotencyKey}`,
    );
    return row ? { orderId: row.id, status: row.status } : null;
  }

  /**
   * The order and its lines in one statement. Raw SQL on purpose: placing an order is the hot
   * path, and Prisma's nested create was two statements through its query compiler. The id is a
   * UUID v7 made here (time-ordered: new rows land at the end of the primary-key index).
   */
  async insert(tx: OrderTransaction, order: NewOrder): Promise<string> {
    const orderId = randomUUIDv7();
    const { items } = order;
    try {
      await pgIn(tx).execute(Prisma.sql`
        WITH inserted AS (
          INSERT INTO orders (id, user_id, total_cents, currency, idempotency_key, payment_token, updated_at)
          VALUES (${orderId}::uuid, ${order.userId}::uuid, ${order.totalCents}, ${order.currency}, ${order.idempotencyKey}, ${order.paymentToken}, now())
          RETURNING id)
        INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
        SELECT inserted.id, line.sku, line.quantity, line.unit_price_cents
        FROM inserted, unnest(${items.map((line) => line.sku)}::text[], ${items.map((line) => line.quantity)}::int[], ${items.map((line) => line.unitPriceCents)}::int[])
          AS line (sku, quantity, unit_price_cents)`);
      return orderId;
    } catch (error) {
      // The only unique constraint an insert can break besides the generated id: (user, key).
      if (isUniqueViolation(error)) {
        throw new IdempotencyKeyTakenError(`user ${order.userId} already placed an order with this idempotency key`, { cause: error });
      }
      throw error;
    }
  }

  /** The order row, and its lines when the inventory priced them anew. */
  async applyChange(tx: OrderTransaction, orderId: string, change: OrderChange): Promise<void> {
    const { pricing } = change;
    const updateOrder = Prisma.sql`
      UPDATE orders SET
        total_cents = coalesce(${pricing?.totalCents ?? null}::int, total_cents),
        currency = coalesce(${pricing?.currency ?? null}::text, currency),
        status = coalesce(${change.status ?? null}::text::order_status, status),
        failure_reason = ${change.failureReason === undefined ? Prisma.sql`failure_reason` : Prisma.sql`${change.failureReason}`},
        updated_at = now()
      WHERE id = ${orderId}::uuid`;
    if (!pricing) {
      await pgIn(tx).execute(updateOrder);
      return;
    }
    // The lines as the inventory reserved them, at its prices (rarely: when a price changed since
    // the order was placed). Two statements: an INSERT beside a DELETE of the same keys conflicts.
    await pgIn(tx).execute(Prisma.sql`DELETE FROM order_items WHERE order_id = ${orderId}::uuid`);
    await pgIn(tx).execute(Prisma.sql`
      WITH updated AS (${updateOrder} RETURNING id)
      INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
      SELECT updated.id, line.sku, line.quantity, line.unit_price_cents
      FROM updated, unnest(${pricing.items.map((line) => line.sku)}::text[], ${pricing.items.map((line) => line.quantity)}::int[],
                           ${pricing.items.map((line) => line.unitPriceCents)}::int[]) AS line (sku, quantity, unit_price_cents)`);
  }

  async findForUser(orderId: string, userId: string): Promise<OrderView | null> {
    const row = await this.prisma.order.findFirst({ where: { id: orderId, userId }, include: ORDER_VIEW_INCLUDE });
    return row && toOrderView(row);
  }

  async listForUser(userId: string, after: OrderPosition | null, limit: number): Promise<OrderView[]> {
    const rows = await this.prisma.order.findMany({
      where: {
        userId,
        // Keyset pagination on (created_at, id), the index's order: stable while new orders arrive.
        ...(after && { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.orderId } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: ORDER_VIEW_INCLUDE,
    });
    return rows.map(toOrderView);
  }
}
