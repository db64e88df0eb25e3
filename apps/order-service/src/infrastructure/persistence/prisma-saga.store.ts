import { Injectable } from '@nestjs/common';
import { ORDER_CANCELLATION_REASONS, type OrderCancellationReason } from '@shop/contracts';
import type { OrderTransaction } from '../../application/ports/order-transactions.js';
import { ConcurrentSagaChangeError, SagaStore, type LockedSaga, type ParkedSaga } from '../../application/ports/saga.store.js';
import type { AppliedTransition, OrderSaga, StepLogEntry } from '../../domain/saga/order-saga.js';
import { type Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { prismaIn } from './prisma-order-transactions.js';

const SAGA_WITH_ORDER = { order: { include: { items: { orderBy: { sku: 'asc' } } } } } as const satisfies Prisma.SagaInstanceInclude;
type SagaRow = Prisma.SagaInstanceGetPayload<{ include: typeof SAGA_WITH_ORDER }>;

@Injectable()
export class PrismaSagaStore extends SagaStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  async insert(tx: OrderTransaction, orderId: string, start: AppliedTransition): Promise<void> {
    const db = prismaIn(tx);
    await db.sagaInstance.create({ data: { id: start.saga.sagaId, orderId, ...sagaColumns(start.saga) } });
    await appendLog(db, start.saga.sagaId, start.log);
  }

  async lockByOrderId(tx: OrderTransaction, orderId: string): Promise<LockedSaga | null> {
    const rows = await prismaIn(tx).$queryRaw<{ id: string }[]>`SELECT id FROM saga_instances WHERE order_id = ${orderId}::uuid FOR UPDATE`;
    return this.loadLocked(tx, rows[0]?.id);
  }

  async lockNextDue(tx: OrderTransaction, now: Date, skipping: ReadonlySet<string> = new Set()): Promise<LockedSaga | null> {
    const rows = await prismaIn(tx).$queryRaw<{ id: string }[]>`
      SELECT id FROM saga_instances
      WHERE step_deadline_at <= ${now} AND NOT (id = ANY(${[...skipping]}::uuid[]))
      ORDER BY step_deadline_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    return this.loadLocked(tx, rows[0]?.id);
  }

  async postponeDeadline(tx: OrderTransaction, sagaId: string, until: Date): Promise<void> {
    // Only a deadline still due: a reply may have moved the saga on meanwhile.
    await prismaIn(tx).$executeRaw`
      UPDATE saga_instances SET step_deadline_at = ${until}, version = version + 1
      WHERE id = ${sagaId}::uuid AND step_deadline_at < ${until}`;
  }

  async save(tx: OrderTransaction, locked: LockedSaga, transition: AppliedTransition): Promise<void> {
    const db = prismaIn(tx);
    const { count } = await db.sagaInstance.updateMany({
      where: { id: locked.saga.sagaId, version: locked.version },
      data: { ...sagaColumns(transition.saga), version: { increment: 1 } },
    });
    if (count !== 1) throw new ConcurrentSagaChangeError(`saga ${locked.saga.sagaId} changed since it was read at version ${locked.version}`);
    await appendLog(db, locked.saga.sagaId, transition.log);
  }

  async clearDeadline(tx: OrderTransaction, locked: LockedSaga): Promise<void> {
    await prismaIn(tx).sagaInstance.update({ where: { id: locked.saga.sagaId }, data: { stepDeadlineAt: null, version: { increment: 1 } } });
  }

  async findParked(limit: number): Promise<ParkedSaga[]> {
    const rows = await this.prisma.sagaInstance.findMany({ where: { state: 'FAILED_COMPENSATION' }, orderBy: { updatedAt: 'asc' }, take: limit });
    return rows.map((row) => ({
      orderId: row.orderId,
      sagaId: row.id,
      cancellationReason: row.cancellationReason,
      pendingSteps: row.pendingSteps,
      lastError: row.lastError,
      parkedSince: row.updatedAt,
    }));
  }

  private async loadLocked(tx: OrderTransaction, sagaId: string | undefined): Promise<LockedSaga | null> {
    if (sagaId === undefined) return null;
    const row = await prismaIn(tx).sagaInstance.findUniqueOrThrow({ where: { id: sagaId }, include: SAGA_WITH_ORDER });
    return toLockedSaga(row);
  }
}

function sagaColumns(saga: OrderSaga) {
  return {
    state: saga.state,
    pendingSteps: [...saga.pendingSteps],
    stepDeadlineAt: saga.stepDeadlineAt,
    stepAttempts: saga.stepAttempts,
    giveUpAt: saga.giveUpAt,
    compensationAttempts: saga.compensationAttempts,
    cancellationReason: saga.cancellationReason,
    lastError: saga.lastError,
  };
}

async function appendLog(db: Prisma.TransactionClient, sagaId: string, log: readonly StepLogEntry[]): Promise<void> {
  if (log.length === 0) return;
  // One multi-row INSERT: ids are assigned in array order, which is the timeline's order.
  await db.sagaStepLog.createMany({ data: log.map((entry) => ({ sagaId, step: entry.step, status: entry.status, at: entry.at, detail: entry.detail })) });
}

function toLockedSaga(row: SagaRow): LockedSaga {
  const { order } = row;
  return {
    version: row.version,
    saga: {
      sagaId: row.id,
      state: row.state,
      pendingSteps: row.pendingSteps,
      stepDeadlineAt: row.stepDeadlineAt,
      stepAttempts: row.stepAttempts,
      giveUpAt: row.giveUpAt,
      compensationAttempts: row.compensationAttempts,
      cancellationReason: cancellationReasonOf(row.cancellationReason),
      lastError: row.lastError,
    },
    order: {
      orderId: order.id,
      userId: order.userId,
      paymentToken: order.paymentToken,
      items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
      totalCents: order.totalCents,
      currency: order.currency,
    },
  };
}

function cancellationReasonOf(value: string | null): OrderCancellationReason | null {
  if (value === null) return null;
  if ((ORDER_CANCELLATION_REASONS as readonly string[]).includes(value)) return value as OrderCancellationReason;
  throw new Error(`saga row holds an unknown cancellation reason "${value}"`);
}
