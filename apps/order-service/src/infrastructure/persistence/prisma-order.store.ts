import { Injectable } from '@nestjs/common';
import { IdempotencyKeyTakenError, OrderStore, type NewOrder, type OrderPosition, type OrderView, type PlacedOrder } from '../../application/ports/order.store.js';
import type { OrderTransaction } from '../../application/ports/order-transactions.js';
import type { OrderChange } from '../../domain/saga/order-saga.js';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ORDER_VIEW_INCLUDE, toOrderView } from './order-rows.js';
import { prismaIn } from './prisma-order-transactions.js';

const UNIQUE_VIOLATION = 'P2002';

@Injectable()
export class PrismaOrderStore extends OrderStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<PlacedOrder | null> {
    const row = await this.prisma.order.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey } }, select: { id: true, status: true } });
    return row && { orderId: row.id, status: row.status };
  }

  async insert(tx: OrderTransaction, order: NewOrder): Promise<string> {
    try {
      const { items, ...fields } = order;
      const row = await prismaIn(tx).order.create({ data: { ...fields, items: { create: items.map((line) => ({ ...line })) } }, select: { id: true } });
      return row.id;
    } catch (error) {
      // The only unique constraint an insert can break besides the generated id: (user, key).
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION) {
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
