// Rows of the order database to the shapes of the application, and back.
import type { OrderView } from '../../application/ports/order.store.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** What a view of an order reads: the order, its lines, its saga timeline in order. */
export const ORDER_VIEW_INCLUDE = {
  items: { orderBy: { sku: 'asc' } },
  saga: { include: { steps: { orderBy: { id: 'asc' } } } },
} as const satisfies Prisma.OrderInclude;

type OrderViewRow = Prisma.OrderGetPayload<{ include: typeof ORDER_VIEW_INCLUDE }>;

export function toOrderView(row: OrderViewRow): OrderView {
  return {
    orderId: row.id,
    userId: row.userId,
    status: row.status,
    items: row.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    totalCents: row.totalCents,
    currency: row.currency,
    failureReason: row.failureReason,
    saga: (row.saga?.steps ?? []).map(({ step, status, at }) => ({ step, status, at })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
