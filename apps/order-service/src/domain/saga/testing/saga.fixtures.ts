// Sagas, orders and replies for the state-machine tests.
import type { SagaStep } from '@shop/contracts/messages';
import type { OrderSaga, SagaOrder, SagaTransition } from '../order-saga.js';
import { advanceOrderSaga } from '../order-saga.machine.js';
import type { SagaReply } from '../saga-messages.js';
import type { SagaState } from '../saga-state.js';
import type { SagaTimings } from '../saga-timings.js';

export const sagaId = '0196f2a1-7c3e-7d21-9a4b-5c6d7e8f9a0b';
export const otherSagaId = '0196f2a1-7c3e-7d21-9a4b-000000000000';
export const orderId = '0196f2a1-7c3e-7d21-9a4b-111111111111';
export const userId = '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const paymentId = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

export const timings: SagaTimings = {
  resendInitialDelayMs: 15_000,
  resendMaxDelayMs: 60_000,
  silenceDeadlineMs: 300_000,
  compensationRetryInitialDelayMs: 1_000,
  compensationRetryMaxDelayMs: 8_000,
  maxCompensationAttempts: 5,
};

export const placedAt = new Date('2026-01-01T12:00:00.000Z');

export function secondsAfterPlacement(seconds: number): Date {
  return new Date(placedAt.getTime() + seconds * 1000);
}

/** Priced from the catalog when placed: 2 × 1250 + 1 × 500. */
export const order: SagaOrder = {
  orderId,
  userId,
  paymentToken: 'pm_card_ok',
  items: [
    { sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-2', quantity: 1, unitPriceCents: 500 },
  ],
  totalCents: 3000,
  currency: 'EUR',
};

/** The steps each non-final state waits for, as the machine leaves them. */
export const PENDING_STEPS_OF: Readonly<Record<Exclude<SagaState, 'CONFIRMED' | 'REJECTED' | 'CANCELLED'>, readonly SagaStep[]>> = {
  RESERVING_STOCK: ['RESERVE_STOCK'],
  AUTHORIZING_PAYMENT: ['AUTHORIZE_PAYMENT'],
  CONFIRMING: ['COMMIT_RESERVATION', 'CAPTURE_PAYMENT'],
  COMPENSATING: ['VOID_PAYMENT', 'RELEASE_STOCK'],
  FAILED_COMPENSATION: ['VOID_PAYMENT', 'RELEASE_STOCK'],
};

/** A saga in `state`, its deadline 15 s after placement and, before the pivot, its business deadline 5 min after it, unless overridden. */
export function sagaIn(state: SagaState, overrides: Partial<OrderSaga> = {}): OrderSaga {
  const pendingSteps = state in PENDING_STEPS_OF ? PENDING_STEPS_OF[state as keyof typeof PENDING_STEPS_OF] : [];
  const ended = pendingSteps.length === 0 || state === 'FAILED_COMPENSATION';
  const compensating = state === 'COMPENSATING' || state === 'FAILED_COMPENSATION';
  return {
    sagaId,
    state,
    pendingSteps,
    stepDeadlineAt: ended ? null : secondsAfterPlacement(15),
    stepAttempts: state === 'RESERVING_STOCK' || state === 'AUTHORIZING_PAYMENT' || state === 'CONFIRMING' ? 1 : 0,
    giveUpAt: state === 'RESERVING_STOCK' || state === 'AUTHORIZING_PAYMENT' ? secondsAfterPlacement(300) : null,
    compensationAttempts: compensating ? 1 : 0,
    cancellationReason: compensating ? 'SAGA_TIMED_OUT' : null,
    lastError: null,
    ...overrides,
  };
}

const fields = (step: SagaStep, id = sagaId) => ({ sagaId: id, orderId, step });

/** One reply of each type, for this saga unless `id` says otherwise. */
export function replies(id = sagaId) {
  return {
    stockReserved: {
      type: 'inventory.StockReserved',
      payload: {
        ...fields('RESERVE_STOCK', id),
        step: 'RESERVE_STOCK',
        // The inventory charges its current prices, which moved since the catalog read.
        items: [
          { sku: 'SKU-1', quantity: 2, unitPriceCents: 1200 },
          { sku: 'SKU-2', quantity: 1, unitPriceCents: 550 },
        ],
        totalCents: 2950,
        currency: 'EUR',
      },
    },
    stockReservationFailed: {
      type: 'inventory.StockReservationFailed',
      payload: { ...fields('RESERVE_STOCK', id), step: 'RESERVE_STOCK', reason: 'INSUFFICIENT_STOCK', skus: ['SKU-2'] },
    },
    paymentAuthorized: {
      type: 'payment.PaymentAuthorized',
      payload: { ...fields('AUTHORIZE_PAYMENT', id), step: 'AUTHORIZE_PAYMENT', paymentId, amountCents: 3000, currency: 'EUR' },
    },
    paymentDeclined: {
      type: 'payment.PaymentDeclined',
      payload: { ...fields('AUTHORIZE_PAYMENT', id), step: 'AUTHORIZE_PAYMENT', reason: 'CARD_DECLINED' },
    },
    reservationCommitted: { type: 'inventory.ReservationCommitted', payload: { ...fields('COMMIT_RESERVATION', id), step: 'COMMIT_RESERVATION' } },
    paymentCaptured: {
      type: 'payment.PaymentCaptured',
      payload: { ...fields('CAPTURE_PAYMENT', id), step: 'CAPTURE_PAYMENT', paymentId, amountCents: 3000, currency: 'EUR' },
    },
    paymentVoided: { type: 'payment.PaymentVoided', payload: { ...fields('VOID_PAYMENT', id), step: 'VOID_PAYMENT' } },
    stockReleased: { type: 'inventory.StockReleased', payload: { ...fields('RELEASE_STOCK', id), step: 'RELEASE_STOCK' } },
  } as const satisfies Record<string, SagaReply>;
}

export const reply = replies();
export const ALL_REPLIES: readonly SagaReply[] = Object.values(reply);

export function onReply(saga: OrderSaga, sagaReply: SagaReply, now = secondsAfterPlacement(1), sagaOrder = order): SagaTransition {
  return advanceOrderSaga({ saga, order: sagaOrder, now, timings }, { kind: 'reply', reply: sagaReply });
}

export function onDeadline(saga: OrderSaga, now: Date, sagaOrder = order): SagaTransition {
  return advanceOrderSaga({ saga, order: sagaOrder, now, timings }, { kind: 'deadline-expired' });
}

/** The transition, asserting it was applied (so a test reads its fields without narrowing). */
export function appliedOnly(transition: SagaTransition) {
  if (!transition.applied) throw new Error(`expected the transition to apply, but it was ignored: ${transition.ignoredBecause}`);
  return transition;
}

/** Command types and steps, for compact assertions. */
export function sentTypes(transition: SagaTransition): string[] {
  return appliedOnly(transition).commands.map((command) => command.definition.type);
}

export function loggedLines(transition: SagaTransition): string[] {
  return appliedOnly(transition).log.map((entry) => `${entry.step} ${entry.status}${entry.detail ? ` (${entry.detail})` : ''}`);
}
