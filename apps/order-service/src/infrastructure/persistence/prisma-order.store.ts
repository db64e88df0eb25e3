import { randomUUIDv7 } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdempotencyKeyTakenError, OrderStore, type NewOrder, type OrderPosition, type OrderView, type PlacedOrder } from '../../application/ports/order.store.js';
import type { OrderTransaction } from '../../application/ports/order-transactions.js';
import type { OrderChange } from '../../domain/saga/order-saga.js';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ORDER_VIEW_INCLUDE, toOrderView } from './order-rows.js';
import { prismaIn } from './prisma-order-transactions.js';

/** A raw statement that broke a unique constraint, as Prisma's pg adapter reports it. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause;
  return error.code === 'P2002' || cause?.kind === 'UniqueConstraintViolation';
}

@Injectable()
export class PrismaOrderStore extends OrderStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<PlacedOrder | null> {
    const row = await this.prisma.order.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey } }, select: { id: true, status: true } });
    return row && { orderId: row.id, status: row.status };
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
      await prismaIn(tx).$executeRaw`
        WITH inserted AS (
          INSERT INTO orders (id, user_id, total_cents, currency, idempotency_key, payment_token, updated_at)
          VALUES (${orderId}::uuid, ${order.userId}::uuid, ${order.totalCents}, ${order.currency}, ${order.idempotencyKey}, ${order.paymentToken}, now())
          RETURNING id)
        INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
        SELECT inserted.id, line.sku, line.quantity, line.unit_price_cents
        FROM inserted, unnest(${items.map((line) => line.sku)}::text[], ${items.map((line) => line.quantity)}::int[], ${items.map((line) => line.unitPriceCents)}::int[])
          AS line (sku, quantity, unit_price_cents)`;
      return orderId;
    } catch (error) {
      // The only unique constraint an insert can break besides the generated id: (user, key).
      if (isUniqueViolation(error)) {
        throw new IdempotencyKeyTakenError(`user ${order.userId} already placed an order with this idempotency key`, { cause: error });
      }
      throw error;
    }
  }

  async applyChange(tx: OrderTransaction, orderId: string, change: OrderChange): Promise<void> {
    const db = prismaIn(tx);
    if (change.pricing) {
      // The lines as the inventory reserved them, at its prices.
      await db.orderItem.deleteMany({ where: { orderId } });
      await db.orderItem.createMany({ data: change.pricing.items.map((line) => ({ orderId, ...line })) });
    }
    await db.order.update({
      where: { id: orderId },
      data: {
        ...(change.pricing && { totalCents: change.pricing.totalCents, currency: change.pricing.currency }),
        ...(change.status !== undefined && { status: change.status }),
        ...(change.failureReason !== undefined && { failureReason: change.failureReason }),
      },
    });
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
