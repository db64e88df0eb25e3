// Replies of inventory and payment to the saga of an order, as the participants would send them.
import { randomUUID } from 'node:crypto';
import {
  createMessage,
  PaymentAuthorizedReply,
  PaymentCapturedReply,
  PaymentDeclinedReply,
  PaymentVoidedReply,
  ReservationCommittedReply,
  StockReleasedReply,
  StockReservationFailedReply,
  StockReservedReply,
  type PaymentDeclineReason,
} from '@shop/contracts';
import type { MigratedDatabase } from '@shop/testing';
import type { SagaReplyMessage } from '../application/handle-saga-reply/handle-saga-reply.handler.js';
import type { PricedLine } from '../domain/order/order-line.js';

/** The replies a saga's participants send, built from its saga id as stored. */
export async function repliesFor(database: MigratedDatabase, orderId: string) {
  const [row] = await database.query<{ id: string }>('SELECT id FROM saga_instances WHERE order_id = $1', [orderId]);
  if (!row) throw new Error(`order ${orderId} has no saga`);
  const fields = { sagaId: row.id, orderId };
  const context = { correlationId: orderId };
  const paymentId = randomUUID();
  const reply = (message: unknown) => message as SagaReplyMessage;
  return {
    sagaId: row.id,
    stockReserved: (items: PricedLine[], currency = 'EUR') =>
      reply(
        createMessage(
          StockReservedReply,
          { ...fields, step: 'RESERVE_STOCK', items, totalCents: items.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0), currency },
          context,
        ),
      ),
    stockReservationFailed: (skus: string[]) =>
      reply(createMessage(StockReservationFailedReply, { ...fields, step: 'RESERVE_STOCK', reason: 'INSUFFICIENT_STOCK', skus }, context)),
    paymentAuthorized: (amountCents: number) =>
      reply(createMessage(PaymentAuthorizedReply, { ...fields, step: 'AUTHORIZE_PAYMENT', paymentId, amountCents, currency: 'EUR' }, context)),
    paymentDeclined: (reason: PaymentDeclineReason = 'CARD_DECLINED') =>
      reply(createMessage(PaymentDeclinedReply, { ...fields, step: 'AUTHORIZE_PAYMENT', reason }, context)),
    reservationCommitted: () => reply(createMessage(ReservationCommittedReply, { ...fields, step: 'COMMIT_RESERVATION' }, context)),
    paymentCaptured: (amountCents: number) =>
      reply(createMessage(PaymentCapturedReply, { ...fields, step: 'CAPTURE_PAYMENT', paymentId, amountCents, currency: 'EUR' }, context)),
    paymentVoided: () => reply(createMessage(PaymentVoidedReply, { ...fields, step: 'VOID_PAYMENT' }, context)),
    stockReleased: () => reply(createMessage(StockReleasedReply, { ...fields, step: 'RELEASE_STOCK' }, context)),
  };
}

export interface SagaRow {
  state: string;
  pending_steps: string[];
  compensation_attempts: number;
  step_attempts: number;
  step_deadline_at: Date | null;
  give_up_at: Date | null;
  cancellation_reason: string | null;
  last_error: string | null;
  version: number;
}

export async function sagaRowOf(database: MigratedDatabase, orderId: string): Promise<SagaRow> {
  const [row] = await database.query<SagaRow>(
    `SELECT state, pending_steps::text[] AS pending_steps, compensation_attempts, step_attempts, step_deadline_at, give_up_at,
            cancellation_reason, last_error, version
     FROM saga_instances WHERE order_id = $1`,
    [orderId],
  );
  if (!row) throw new Error(`order ${orderId} has no saga`);
  return row;
}

export async function timelineOf(database: MigratedDatabase, orderId: string): Promise<string[]> {
  const rows = await database.query<{ step: string; status: string }>(
    'SELECT l.step, l.status FROM saga_step_logs l JOIN saga_instances s ON s.id = l.saga_id WHERE s.order_id = $1 ORDER BY l.id',
    [orderId],
  );
  return rows.map((row) => `${row.step} ${row.status}`);
}

export async function orderRowOf(database: MigratedDatabase, orderId: string) {
  const [row] = await database.query<{ status: string; total_cents: number; currency: string; failure_reason: string | null }>(
    'SELECT status, total_cents, currency, failure_reason FROM orders WHERE id = $1',
    [orderId],
  );
  if (!row) throw new Error(`order ${orderId} does not exist`);
  return row;
}

/** Moves the saga's step deadline into the past, as if its time had run out. */
/** The saga's next re-send is due now. */
export async function expireDeadline(database: MigratedDatabase, orderId: string): Promise<void> {
  await database.query("UPDATE saga_instances SET step_deadline_at = now() - interval '1 second' WHERE order_id = $1", [orderId]);
}

/** Due now, and past its business deadline: a saga before the pivot gives up. */
export async function passBusinessDeadline(database: MigratedDatabase, orderId: string): Promise<void> {
  await database.query("UPDATE saga_instances SET step_deadline_at = now() - interval '1 second', give_up_at = now() - interval '1 second' WHERE order_id = $1", [orderId]);
}
