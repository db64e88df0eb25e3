// The saga going forward: reserve stock, authorize payment, confirm (commit + capture).
import type { PayloadOf, PaymentDeclinedReply, StockReservationFailedReply, StockReservedReply } from '@shop/contracts';
import type { AppliedTransition, SagaOrder } from './order-saga.js';
import { beginCompensation } from './compensation-steps.js';
import { commandFor } from './saga-commands.js';
import { orderConfirmed, orderRejected } from './saga-outcomes.js';
import { later } from './saga-timings.js';
import { applied, logEntry, type TransitionContext } from './transition-context.js';

/** Stock is held: the order is charged the prices the inventory reserved at, and payment is authorized. */
export function stockReserved(context: TransitionContext, reply: PayloadOf<typeof StockReservedReply>): AppliedTransition {
  const { saga, now, timings } = context;
  const pricing = { items: reply.items, totalCents: reply.totalCents, currency: reply.currency };
  const pricedOrder: SagaOrder = { ...context.order, ...pricing };
  return applied(
    { ...saga, state: 'AUTHORIZING_PAYMENT', pendingSteps: ['AUTHORIZE_PAYMENT'], stepDeadlineAt: later(now, timings.stepTimeoutMs) },
    {
      log: [logEntry(context, 'RESERVE_STOCK', 'SUCCEEDED'), logEntry(context, 'AUTHORIZE_PAYMENT', 'STARTED')],
      commands: [commandFor('AUTHORIZE_PAYMENT', saga.sagaId, pricedOrder)],
      order: { pricing },
    },
  );
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

export function paymentAuthorized(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  return applied(
    {
      ...saga,
      state: 'CONFIRMING',
      pendingSteps: ['COMMIT_RESERVATION', 'CAPTURE_PAYMENT'],
      stepDeadlineAt: later(now, timings.stepTimeoutMs),
      confirmationAttempts: 1,
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
 * Commit and capture have no failure reply: they are idempotent, so they are sent again while
 * attempts remain. After the last one the confirmation has failed and everything is undone.
 */
export function confirmationDeadlineExpired(context: TransitionContext): AppliedTransition {
  const { saga, order, now, timings } = context;
  if (saga.confirmationAttempts < timings.maxConfirmationAttempts) {
    const attempt = saga.confirmationAttempts + 1;
    const detail = `attempt ${attempt} of ${timings.maxConfirmationAttempts}`;
    return applied(
      { ...saga, confirmationAttempts: attempt, stepDeadlineAt: later(now, timings.stepTimeoutMs) },
      {
        log: saga.pendingSteps.map((step) => logEntry(context, step, 'STARTED', detail)),
        commands: saga.pendingSteps.map((step) => commandFor(step, saga.sagaId, order)),
      },
    );
  }
  const detail = `no reply after ${saga.confirmationAttempts} attempts`;
  const failures = saga.pendingSteps.map((step) => logEntry(context, step, 'FAILED', detail));
  return beginCompensation(context, 'CONFIRMATION_FAILED', failures, ['VOID_PAYMENT', 'RELEASE_STOCK']);
}
