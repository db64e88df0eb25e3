// The saga going forward: reserve stock, authorize payment (both compensatable), then the pivot,
// the decision to confirm, then commit the reservation and capture the payment (retriable: sent
// again until they succeed, never compensated).
import type { PayloadOf, PaymentDeclinedReply, StockReservationFailedReply, StockReservedReply } from '@shop/contracts/messages';
import type { AppliedTransition, SagaOrder } from './order-saga.js';
import { beginCompensation } from './compensation-steps.js';
import { commandFor } from './saga-commands.js';
import { orderConfirmed, orderRejected } from './saga-outcomes.js';
import { nextSendAt } from './saga-timings.js';
import { applied, logEntry, type TransitionContext } from './transition-context.js';

/** Stock is held: the order is charged the prices the inventory reserved at, and payment is authorized. */
export function stockReserved(context: TransitionContext, reply: PayloadOf<typeof StockReservedReply>): AppliedTransition {
  const { saga, now, timings } = context;
  const pricing = { items: reply.items, totalCents: reply.totalCents, currency: reply.currency };
  const pricedOrder: SagaOrder = { ...context.order, ...pricing };
  return applied(
    {
      ...saga,
      state: 'AUTHORIZING_PAYMENT',
      pendingSteps: ['AUTHORIZE_PAYMENT'],
      stepDeadlineAt: nextSendAt(now, timings, 1, saga.giveUpAt),
      stepAttempts: 1,
    },
    {
      log: [logEntry(context, 'RESERVE_STOCK', 'SUCCEEDED'), logEntry(context, 'AUTHORIZE_PAYMENT', 'STARTED')],
      commands: [commandFor('AUTHORIZE_PAYMENT', saga.sagaId, pricedOrder)],
      // Usually the prices the order was placed at: then the order row has nothing to change.
      order: pricedAsPlaced(context.order, pricing) ? null : { pricing },
    },
  );
}

/** Whether the reservation charged exactly the lines, prices and total the order already holds. */
function pricedAsPlaced(order: SagaOrder, pricing: Pick<SagaOrder, 'items' | 'totalCents' | 'currency'>): boolean {
  if (order.totalCents !== pricing.totalCents || order.currency !== pricing.currency || order.items.length !== pricing.items.length) return false;
  const placed = new Map(order.items.map((line) => [line.sku, line]));
  return pricing.items.every((line) => {
    const before = placed.get(line.sku);
    return before !== undefined && before.quantity === line.quantity && before.unitPriceCents === line.unitPriceCents;
  });
}

/** Nothing was reserved (all or nothing), so there is nothing to undo and no payment is attempted. */
export function stockReservationFailed(context: TransitionContext, reply: PayloadOf<typeof StockReservationFailedReply>): AppliedTransition {
  const { saga, order } = context;
  const detail = `${reply.reason}: ${reply.skus.join(', ')}`;
  return applied(
    { ...saga, state: 'REJECTED', pendingSteps: [], stepDeadlineAt: null, lastError: detail },
    {
      log: [logEntry(context, 'RESERVE_STOCK', 'FAILED', detail)],
      order: { status: 'REJECTED', failureReason: reply.reason },
      outcome: orderRejected(order, reply.reason),
    },
  );
}

/** The pivot: stock held and money authorized, so the order will be confirmed, whatever it takes. */
export function paymentAuthorized(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  return applied(
    {
      ...saga,
      state: 'CONFIRMING',
      pendingSteps: ['COMMIT_RESERVATION', 'CAPTURE_PAYMENT'],
      stepDeadlineAt: nextSendAt(now, timings, 1, null),
      stepAttempts: 1,
      giveUpAt: null,
    },
    {
      log: [
        logEntry(context, 'AUTHORIZE_PAYMENT', 'SUCCEEDED'),
        logEntry(context, 'COMMIT_RESERVATION', 'STARTED'),
        logEntry(context, 'CAPTURE_PAYMENT', 'STARTED'),
      ],
      commands: [commandFor('COMMIT_RESERVATION', saga.sagaId, order), commandFor('CAPTURE_PAYMENT', saga.sagaId, order)],
    },
  );
}

/** Nothing was authorized, so only the reservation is released. */
export function paymentDeclined(context: TransitionContext, reply: PayloadOf<typeof PaymentDeclinedReply>): AppliedTransition {
  return beginCompensation(context, reply.reason, [logEntry(context, 'AUTHORIZE_PAYMENT', 'FAILED', reply.reason)], ['RELEASE_STOCK']);
}

/** Commit or capture acknowledged; with both, the order is confirmed. */
export function confirmationAcknowledged(context: TransitionContext, step: 'COMMIT_RESERVATION' | 'CAPTURE_PAYMENT'): AppliedTransition {
  const { saga, order } = context;
  const pendingSteps = saga.pendingSteps.filter((pending) => pending !== step);
  const log = [logEntry(context, step, 'SUCCEEDED')];
  if (pendingSteps.length > 0) return applied({ ...saga, pendingSteps }, { log });
  return applied(
    { ...saga, state: 'CONFIRMED', pendingSteps: [], stepDeadlineAt: null },
    { log, order: { status: 'CONFIRMED', failureReason: null }, outcome: orderConfirmed(order) },
  );
}

/**
 * A participant is silent: its commands are sent again, with a growing wait. Before the pivot the
 * wait never runs past the business deadline, so the saga gives up on time; after it, commit and
 * capture are retriable steps with no failure reply, sent again until both are acknowledged.
 */
export function resendPendingSteps(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  const attempt = saga.stepAttempts + 1;
  const detail = `sent again, send ${attempt}`;
  return applied(
    { ...saga, stepAttempts: attempt, stepDeadlineAt: nextSendAt(now, timings, attempt, saga.giveUpAt) },
    {
      log: saga.pendingSteps.map((step) => logEntry(context, step, 'STARTED', detail)),
      commands: saga.pendingSteps.map((step) => commandFor(step, saga.sagaId, order)),
    },
  );
}
