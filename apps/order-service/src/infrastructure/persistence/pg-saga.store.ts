import { Injectable } from '@nestjs/common';
import { ORDER_CANCELLATION_REASONS, type OrderCancellationReason } from '@shop/contracts';
import type { OrderTransaction } from '../../application/ports/order-transactions.js';
import { ConcurrentSagaChangeError, SagaStore, type LockedSaga, type ParkedSaga } from '../../application/ports/saga.store.js';
import type { AppliedTransition, StepLogEntry } from '../../domain/saga/order-saga.js';
import { Prisma, PrismaClient, type SagaInstance } from '../../generated/prisma/client.js';
import { pgIn } from './pg-order-transactions.js';

/** A saga row with what the saga reads of its order, as `selectSaga` returns it. */
interface SagaRow {
  id: string;
  state: SagaInstance['state'];
  pending_steps: SagaInstance['pendingSteps'];
  step_deadline_at: Date | null;
  step_attempts: number;
  give_up_at: Date | null;
  compensation_attempts: number;
  cancellation_reason: string | null;
  last_error: string | null;
  version: number;
  order_id: string;
  user_id: string;
  payment_token: string;
  total_cents: number;
  currency: string;
  items: Array<{ sku: string; quantity: number; unitPriceCents: number }>;
}

/** Sagas in this service's PostgreSQL: SQL on node-postgres for every step, Prisma for the operators' list of parked sagas. */
@Injectable()
export class PgSagaStore extends SagaStore {
  constructor(private readonly prisma: PrismaClient) {
    super();
  }

  /** The saga row and its first timeline entries, in one statement (raw SQL, as save()). */
  async insert(tx: OrderTransaction, orderId: string, start: AppliedTransition): Promise<void> {
    const { saga, log } = start;
    await pgIn(tx).execute(Prisma.sql`
      WITH inserted AS (
        INSERT INTO saga_instances (id, order_id, state, pending_steps, step_deadline_at, step_attempts, give_up_at,
                                    compensation_attempts, cancellation_reason, last_error, updated_at)
        VALUES (${saga.sagaId}::uuid, ${orderId}::uuid, ${saga.state}::saga_state, ${[...saga.pendingSteps]}::text[]::saga_step[],
                ${saga.stepDeadlineAt}, ${saga.stepAttempts}, ${saga.giveUpAt}, ${saga.compensationAttempts}, ${saga.cancellationReason},
                ${saga.lastError}, now())
        RETURNING id)
      ${timelineOf(log)}`);
  }

  async lockByOrderId(tx: OrderTransaction, orderId: string): Promise<LockedSaga | null> {
    return selectSaga(tx, Prisma.sql`s.order_id = ${orderId}::uuid`, { lock: true });
  }

  async lockNextDue(tx: OrderTransaction, now: Date, skipping: ReadonlySet<string> = new Set()): Promise<LockedSaga | null> {
    const rows = await pgIn(tx).rows<{ id: string }>(Prisma.sql`
      SELECT id FROM saga_instances
      WHERE step_deadline_at <= ${now} AND NOT (id = ANY(${[...skipping]}::uuid[]))
      ORDER BY step_deadline_at
      LIMIT 1
      FOR UPDATE SKIP LOCKED`);
    const sagaId = rows[0]?.id;
    return sagaId === undefined ? null : selectSaga(tx, Prisma.sql`s.id = ${sagaId}::uuid`, { lock: false });
  }

  async postponeDeadline(tx: OrderTransaction, sagaId: string, until: Date): Promise<void> {
    // Only a deadline still due: a reply may have moved the saga on meanwhile.
    await pgIn(tx).execute(Prisma.sql`
      UPDATE saga_instances SET step_deadline_at = ${until}, version = version + 1
      WHERE id = ${sagaId}::uuid AND step_deadline_at < ${until}`);
  }

  /**
   * The saga row (checked against the version it was read at) and the transition's timeline
   * entries, in one statement. Raw SQL on purpose: this runs for every reply of every saga, and
   * through Prisma it was two statements, each through its query compiler.
   */
  async save(tx: OrderTransaction, locked: LockedSaga, transition: AppliedTransition): Promise<void> {
    const { saga, log } = transition;
    const [row] = await pgIn(tx).rows<{ updated: number }>(Prisma.sql`
      WITH updated AS (
        UPDATE saga_instances SET
          state = ${saga.state}::saga_state,
          pending_steps = ${[...saga.pendingSteps]}::text[]::saga_step[],
          step_deadline_at = ${saga.stepDeadlineAt},
          step_attempts = ${saga.stepAttempts},
          give_up_at = ${saga.giveUpAt},
          compensation_attempts = ${saga.compensationAttempts},
          cancellation_reason = ${saga.cancellationReason},
          last_error = ${saga.lastError},
          version = version + 1,
          updated_at = now()
        WHERE id = ${saga.sagaId}::uuid AND version = ${locked.version}
        RETURNING id),
      logged AS (${timelineOf(log, 'updated')} RETURNING 1)
      SELECT count(*)::int AS updated FROM updated`);
    if (row?.updated !== 1) throw new ConcurrentSagaChangeError(`saga ${saga.sagaId} changed since it was read at version ${locked.version}`);
  }

  async clearDeadline(tx: OrderTransaction, locked: LockedSaga): Promise<void> {
    await pgIn(tx).execute(Prisma.sql`UPDATE saga_instances SET step_deadline_at = NULL, version = version + 1, updated_at = now() WHERE id = ${locked.saga.sagaId}::uuid`);
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

}

/**
 * The saga, its order and the order's lines in one statement, optionally locking the saga row.
 * Raw SQL on purpose: this runs for every reply of every saga, and Prisma's findUnique with two
 * nested includes was three statements (four with the lock), each through its query compiler.
 */
async function selectSaga(tx: OrderTransaction, where: Prisma.Sql, { lock }: { lock: boolean }): Promise<LockedSaga | null> {
  const rows = await pgIn(tx).rows<SagaRow>(Prisma.sql`
    SELECT s.id, s.state::text AS state, s.pending_steps::text[] AS pending_steps, s.step_deadline_at, s.step_attempts,
           s.give_up_at, s.compensation_attempts, s.cancellation_reason, s.last_error, s.version,
           o.id AS order_id, o.user_id, o.payment_token, o.total_cents, o.currency,
           (SELECT coalesce(json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents) ORDER BY i.sku), '[]'::json)
              FROM order_items i WHERE i.order_id = o.id) AS items
    FROM saga_instances s JOIN orders o ON o.id = s.order_id
    WHERE ${where}
    ${lock ? Prisma.sql`FOR UPDATE OF s` : Prisma.empty}`);
  const row = rows[0];
  return row ? toLockedSaga(row) : null;
}

/**
 * The INSERT of timeline entries for the saga row returned by the CTE named `saga` (a name of this
 * file, never input) of the caller's statement. Ids follow the entries' order, the timeline's.
 */
function timelineOf(log: readonly StepLogEntry[], saga = 'inserted'): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO saga_step_logs (saga_id, step, status, at, detail)
    SELECT ${Prisma.raw(saga)}.id, entry.step::saga_step, entry.status::saga_step_status, entry.at, entry.detail
    FROM ${Prisma.raw(saga)},
         unnest(${log.map((entry) => entry.step)}::text[], ${log.map((entry) => entry.status)}::text[],
                ${log.map((entry) => entry.at.toISOString())}::timestamptz[], ${log.map((entry) => entry.detail)}::text[])
           WITH ORDINALITY AS entry (step, status, at, detail, position)
    ORDER BY entry.position`;
}

function toLockedSaga(row: SagaRow): LockedSaga {
  return {
    version: row.version,
    saga: {
      sagaId: row.id,
      state: row.state,
      pendingSteps: row.pending_steps,
      stepDeadlineAt: row.step_deadline_at,
      stepAttempts: row.step_attempts,
      giveUpAt: row.give_up_at,
      compensationAttempts: row.compensation_attempts,
      cancellationReason: cancellationReasonOf(row.cancellation_reason),
      lastError: row.last_error,
    },
    order: {
      orderId: row.order_id,
      userId: row.user_id,
      paymentToken: row.payment_token,
      items: row.items,
      totalCents: row.total_cents,
      currency: row.currency,
    },
  };
}

function cancellationReasonOf(value: string | null): OrderCancellationReason | null {
  if (value === null) return null;
  if ((ORDER_CANCELLATION_REASONS as readonly string[]).includes(value)) return value as OrderCancellationReason;
  throw new Error(`saga row holds an unknown cancellation reason "${value}"`);
}
