// The order saga as a pure state machine: given the persisted saga, its order and one event, it
// says what the saga becomes, what to log, which commands to send, how the order changes and, at
// the end, which outcome event to publish. No I/O, no clock of its own: the application layer
// persists the answer in one transaction with the outbox.
import type { SagaStep } from '@shop/contracts/messages';
import type { AppliedTransition, OrderSaga, SagaEvent, SagaOrder, SagaTransition } from './order-saga.js';
import {
  beginCompensation,
  compensationAcknowledged,
  compensationDeadlineExpired,
  resolveParkedCompensation,
  retryParkedCompensation,
} from './compensation-steps.js';
import {
  confirmationAcknowledged,
  paymentAuthorized,
  resendPendingSteps,
  paymentDeclined,
  stockReservationFailed,
  stockReserved,
} from './forward-steps.js';
import { commandFor, type CompensationStep } from './saga-commands.js';
import type { SagaReply } from './saga-messages.js';
import { FINAL_SAGA_STATES } from './saga-state.js';
import { later, nextSendAt, type SagaTimings } from './saga-timings.js';
import { applied, ignored, logEntry, type TransitionContext } from './transition-context.js';

/** The first transition: the saga exists and asks the inventory to reserve the order's stock. */
export function startOrderSaga(sagaId: string, order: SagaOrder, now: Date, timings: SagaTimings): AppliedTransition {
  const giveUpAt = later(now, timings.silenceDeadlineMs);
  const saga: OrderSaga = {
    sagaId,
    state: 'RESERVING_STOCK',
    pendingSteps: ['RESERVE_STOCK'],
    stepDeadlineAt: nextSendAt(now, timings, 1, giveUpAt),
    stepAttempts: 1,
    giveUpAt,
    compensationAttempts: 0,
    cancellationReason: null,
    lastError: null,
  };
  const context = { saga, order, now, timings };
  return applied(saga, { log: [logEntry(context, 'RESERVE_STOCK', 'STARTED')], commands: [commandFor('RESERVE_STOCK', sagaId, order)] });
}

export function advanceOrderSaga(context: TransitionContext, event: SagaEvent): SagaTransition {
  const { saga } = context;
  if (FINAL_SAGA_STATES.has(saga.state)) return ignored(saga, `the saga has already ended (${saga.state})`);
  switch (event.kind) {
    case 'reply':
      return onReply(context, event.reply);
    case 'deadline-expired':
      return onDeadlineExpired(context);
    case 'operator-retry':
      return saga.state === 'FAILED_COMPENSATION' ? retryParkedCompensation(context) : ignored(saga, `only a parked saga is retried; this one is ${saga.state}`);
    case 'operator-resolved':
      return saga.state === 'FAILED_COMPENSATION' ? resolveParkedCompensation(context, event.note) : ignored(saga, `only a parked saga is resolved; this one is ${saga.state}`);
  }
}

function onReply(context: TransitionContext, reply: SagaReply): SagaTransition {
  const { saga } = context;
  const { sagaId, step } = reply.payload;
  if (sagaId !== saga.sagaId) return ignored(saga, `${reply.type} belongs to saga ${sagaId}, not to this order's saga`);
  // Each step is pending in one state only, so this also rejects a reply that arrives in the wrong state.
  if (!saga.pendingSteps.includes(step)) return ignored(saga, `${reply.type} is late or a duplicate: no ${step} reply is awaited in ${saga.state}`);

  switch (reply.type) {
    case 'inventory.StockReserved':
      return stockReserved(context, reply.payload);
    case 'inventory.StockReservationFailed':
      return stockReservationFailed(context, reply.payload);
    case 'payment.PaymentAuthorized':
      return paymentAuthorized(context);
    case 'payment.PaymentDeclined':
      return paymentDeclined(context, reply.payload);
    case 'inventory.ReservationCommitted':
    case 'payment.PaymentCaptured':
      return confirmationAcknowledged(context, reply.payload.step);
    case 'inventory.StockReleased':
    case 'payment.PaymentVoided':
      return compensationAcknowledged(context, reply.payload.step);
  }
}

/**
 * A step's deadline passed without a reply. Silence is not an answer: the pending commands are
 * sent again (they are idempotent). Before the pivot the saga gives up once the business deadline
 * has passed; after it, the confirmation is only ever sent again, never undone.
 */
function onDeadlineExpired(context: TransitionContext): SagaTransition {
  const { saga, now } = context;
  if (saga.stepDeadlineAt === null || saga.stepDeadlineAt.getTime() > now.getTime()) {
    return ignored(saga, `no deadline has passed in ${saga.state}`);
  }
  switch (saga.state) {
    case 'RESERVING_STOCK':
      // The reservation may still happen after we gave up on it; the release follows it on the
      // same partition, so the inventory applies both in order.
      return silenceBeforePivot(context, 'RESERVE_STOCK', ['RELEASE_STOCK']);
    case 'AUTHORIZING_PAYMENT':
      // The payment may have been authorized without our hearing of it: void it to be sure.
      return silenceBeforePivot(context, 'AUTHORIZE_PAYMENT', ['VOID_PAYMENT', 'RELEASE_STOCK']);
    case 'CONFIRMING':
      return resendPendingSteps(context);
    case 'COMPENSATING':
      return compensationDeadlineExpired(context);
    default:
      return ignored(saga, `no deadline runs in ${saga.state}`);
  }
}

function silenceBeforePivot(context: TransitionContext, step: SagaStep, compensations: readonly CompensationStep[]): AppliedTransition {
  const { saga, now } = context;
  if (saga.giveUpAt !== null && saga.giveUpAt.getTime() <= now.getTime()) {
    const detail = `no reply to ${saga.stepAttempts} ${saga.stepAttempts === 1 ? 'send' : 'sends'} by the saga's deadline`;
    return beginCompensation(context, 'SAGA_TIMED_OUT', [logEntry(context, step, 'FAILED', detail)], compensations);
  }
  return resendPendingSteps(context);
}
