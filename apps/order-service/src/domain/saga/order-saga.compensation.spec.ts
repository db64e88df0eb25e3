import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAYMENT_DECLINE_REASONS } from '@shop/contracts/messages';
import type { SagaEvent } from './order-saga.js';
import { advanceOrderSaga } from './order-saga.machine.js';
import type { SagaReply } from './saga-messages.js';
import { appliedOnly, loggedLines, onDeadline, onReply, order, reply, sagaIn, secondsAfterPlacement, sentTypes, timings } from './testing/saga.fixtures.js';

describe('order saga, compensating', () => {
  describe('when the payment is declined', () => {
    for (const reason of PAYMENT_DECLINE_REASONS) {
      it(`releases the reservation and will cancel the order as ${reason}`, () => {
        const declined: SagaReply = { type: 'payment.PaymentDeclined', payload: { ...reply.paymentDeclined.payload, reason } };
        const transition = appliedOnly(onReply(sagaIn('AUTHORIZING_PAYMENT'), declined, secondsAfterPlacement(4)));
        assert.equal(transition.saga.state, 'COMPENSATING');
        assert.equal(transition.saga.cancellationReason, reason);
        assert.deepEqual(transition.saga.pendingSteps, ['RELEASE_STOCK']);
        assert.equal(transition.saga.compensationAttempts, 1);
        assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(5), 'the first retry waits the initial delay');
        assert.deepEqual(loggedLines(transition), [`AUTHORIZE_PAYMENT FAILED (${reason})`, 'RELEASE_STOCK STARTED']);
      });
    }

    it('does not void a payment that was never authorized', () => {
      assert.deepEqual(sentTypes(onReply(sagaIn('AUTHORIZING_PAYMENT'), reply.paymentDeclined)), ['inventory.ReleaseStock']);
    });

    it('keeps the order PENDING until the release is acknowledged', () => {
      const transition = appliedOnly(onReply(sagaIn('AUTHORIZING_PAYMENT'), reply.paymentDeclined));
      assert.equal(transition.order, null);
      assert.equal(transition.outcome, null);
    });

    it('cancels the order with the decline reason once the stock is released', () => {
      const compensating = appliedOnly(onReply(sagaIn('AUTHORIZING_PAYMENT'), reply.paymentDeclined)).saga;
      const transition = appliedOnly(onReply(compensating, reply.stockReleased, secondsAfterPlacement(5)));
      assert.equal(transition.saga.state, 'CANCELLED');
      assert.equal(transition.saga.stepDeadlineAt, null);
      assert.deepEqual(transition.order, { status: 'CANCELLED', failureReason: 'CARD_DECLINED' });
      assert.deepEqual(loggedLines(transition), ['RELEASE_STOCK SUCCEEDED', 'RESERVE_STOCK COMPENSATED']);
      assert.equal(transition.outcome?.definition.type, 'order.OrderCancelled');
      assert.deepEqual(transition.outcome?.payload, { orderId: order.orderId, userId: order.userId, totalCents: 3000, currency: 'EUR', reason: 'CARD_DECLINED' });
    });
  });

  describe('when a step deadline expires', () => {
    it('releases the stock, and voids nothing, when the reservation got no reply by the business deadline', () => {
      const transition = appliedOnly(onDeadline(sagaIn('RESERVING_STOCK', { giveUpAt: secondsAfterPlacement(15) }), secondsAfterPlacement(15)));
      assert.equal(transition.saga.state, 'COMPENSATING');
      assert.equal(transition.saga.cancellationReason, 'SAGA_TIMED_OUT');
      assert.deepEqual(sentTypes(transition), ['inventory.ReleaseStock']);
      assert.deepEqual(loggedLines(transition), ["RESERVE_STOCK FAILED (no reply to 1 send by the saga's deadline)", 'RELEASE_STOCK STARTED']);
      assert.equal(transition.saga.giveUpAt, null);
      assert.match(transition.saga.lastError ?? '', /SAGA_TIMED_OUT: RESERVE_STOCK/);
    });

    it('voids the payment and releases the stock when the authorization got no reply by the business deadline', () => {
      const saga = sagaIn('AUTHORIZING_PAYMENT', { stepAttempts: 4, stepDeadlineAt: secondsAfterPlacement(300) });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(300)));
      assert.equal(transition.saga.state, 'COMPENSATING');
      assert.equal(transition.saga.cancellationReason, 'SAGA_TIMED_OUT');
      assert.deepEqual(transition.saga.pendingSteps, ['VOID_PAYMENT', 'RELEASE_STOCK']);
      assert.deepEqual(sentTypes(transition), ['payment.VoidPayment', 'inventory.ReleaseStock']);
      assert.deepEqual(loggedLines(transition), ["AUTHORIZE_PAYMENT FAILED (no reply to 4 sends by the saga's deadline)", 'VOID_PAYMENT STARTED', 'RELEASE_STOCK STARTED']);
    });

    for (const state of ['RESERVING_STOCK', 'AUTHORIZING_PAYMENT', 'CONFIRMING', 'COMPENSATING'] as const) {
      it(`changes nothing in ${state} while the deadline has not passed`, () => {
        const transition = onDeadline(sagaIn(state), secondsAfterPlacement(14.999));
        assert.equal(transition.applied, false);
      });
    }

    it('cancels the timed-out order only after both compensations are acknowledged, in any order', () => {
      const compensating = appliedOnly(onDeadline(sagaIn('AUTHORIZING_PAYMENT', { giveUpAt: secondsAfterPlacement(15) }), secondsAfterPlacement(15))).saga;
      const released = appliedOnly(onReply(compensating, reply.stockReleased));
      assert.equal(released.saga.state, 'COMPENSATING');
      assert.deepEqual(released.saga.pendingSteps, ['VOID_PAYMENT']);
      assert.equal(released.outcome, null);
      const voided = appliedOnly(onReply(released.saga, reply.paymentVoided));
      assert.equal(voided.saga.state, 'CANCELLED');
      assert.deepEqual(voided.order, { status: 'CANCELLED', failureReason: 'SAGA_TIMED_OUT' });
      assert.deepEqual(loggedLines(voided), ['VOID_PAYMENT SUCCEEDED', 'AUTHORIZE_PAYMENT COMPENSATED']);
      assert.equal(voided.outcome?.definition.type, 'order.OrderCancelled');
    });
  });

  describe('when compensations are not acknowledged', () => {
    it('sends only the unacknowledged compensations again, waiting twice as long each time', () => {
      const saga = sagaIn('COMPENSATING', { pendingSteps: ['VOID_PAYMENT'], compensationAttempts: 2 });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(20)));
      assert.equal(transition.saga.state, 'COMPENSATING');
      assert.equal(transition.saga.compensationAttempts, 3);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(24), 'third send: 1 s doubled twice');
      assert.deepEqual(sentTypes(transition), ['payment.VoidPayment']);
      assert.deepEqual(loggedLines(transition), ['VOID_PAYMENT STARTED (attempt 3 of 5)']);
      assert.equal(transition.order, null);
    });

    it('never waits longer than the maximum retry delay', () => {
      const saga = sagaIn('COMPENSATING', { compensationAttempts: 4 });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(100)));
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(108));
    });

    it('parks the saga in FAILED_COMPENSATION after the last attempt, with the order PENDING and marked COMPENSATION_FAILED', () => {
      const saga = sagaIn('COMPENSATING', { compensationAttempts: 5, cancellationReason: 'CARD_DECLINED' });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(100)));
      assert.equal(transition.saga.state, 'FAILED_COMPENSATION');
      assert.equal(transition.saga.stepDeadlineAt, null, 'the sweeper stops retrying; an operator takes over');
      assert.deepEqual(transition.order, { failureReason: 'COMPENSATION_FAILED' });
      assert.deepEqual(transition.commands, []);
      assert.equal(transition.outcome, null);
      assert.deepEqual(loggedLines(transition), ['VOID_PAYMENT FAILED (not acknowledged after 5 attempts)', 'RELEASE_STOCK FAILED (not acknowledged after 5 attempts)']);
      assert.equal(transition.saga.lastError, 'VOID_PAYMENT, RELEASE_STOCK not acknowledged after 5 attempts');
    });

    it('still cancels a parked saga when the acknowledgements arrive late', () => {
      const parked = sagaIn('FAILED_COMPENSATION', { cancellationReason: 'GATEWAY_TIMEOUT', compensationAttempts: 5 });
      const voided = appliedOnly(onReply(parked, reply.paymentVoided));
      assert.equal(voided.saga.state, 'FAILED_COMPENSATION');
      const released = appliedOnly(onReply(voided.saga, reply.stockReleased));
      assert.equal(released.saga.state, 'CANCELLED');
      assert.deepEqual(released.order, { status: 'CANCELLED', failureReason: 'GATEWAY_TIMEOUT' });
      assert.equal(released.outcome?.definition.type, 'order.OrderCancelled');
    });

    it('ignores a deadline expiry for a parked saga, which has no deadline', () => {
      assert.equal(onDeadline(sagaIn('FAILED_COMPENSATION'), secondsAfterPlacement(1000)).applied, false);
    });

    it('refuses to cancel a saga that compensated without knowing why', () => {
      const saga = sagaIn('COMPENSATING', { pendingSteps: ['RELEASE_STOCK'], cancellationReason: null });
      assert.throws(() => onReply(saga, reply.stockReleased), /without a cancellation reason/);
    });
  });

  describe('when an operator acts on a parked saga', () => {
    const parked = () => sagaIn('FAILED_COMPENSATION', { cancellationReason: 'CARD_DECLINED', pendingSteps: ['RELEASE_STOCK'], compensationAttempts: 5, stepDeadlineAt: null });
    const operate = (saga: ReturnType<typeof sagaIn>, event: SagaEvent) =>
      advanceOrderSaga({ saga, order, now: secondsAfterPlacement(600), timings }, event);

    it('sends the pending compensations again on a retry, with a fresh round of attempts', () => {
      const transition = appliedOnly(operate(parked(), { kind: 'operator-retry' }));
      assert.equal(transition.saga.state, 'COMPENSATING');
      assert.equal(transition.saga.compensationAttempts, 1);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(601));
      assert.deepEqual(sentTypes(transition), ['inventory.ReleaseStock']);
      assert.deepEqual(loggedLines(transition), ['RELEASE_STOCK STARTED (sent again by an operator)']);
      assert.deepEqual(transition.order, { failureReason: null });
    });

    it('cancels the order, with its reason, when the operator says the compensations were done by hand', () => {
      const transition = appliedOnly(operate(parked(), { kind: 'operator-resolved', note: 'released in the warehouse system, ticket OPS-42' }));
      assert.equal(transition.saga.state, 'CANCELLED');
      assert.deepEqual(transition.commands, []);
      assert.deepEqual(transition.order, { status: 'CANCELLED', failureReason: 'CARD_DECLINED' });
      assert.equal(transition.outcome?.definition.type, 'order.OrderCancelled');
      assert.deepEqual(loggedLines(transition), [
        'RELEASE_STOCK SUCCEEDED (resolved by an operator: released in the warehouse system, ticket OPS-42)',
        'RESERVE_STOCK COMPENSATED',
      ]);
    });

    for (const state of ['RESERVING_STOCK', 'CONFIRMING', 'COMPENSATING', 'CONFIRMED', 'CANCELLED'] as const) {
      it(`does nothing to a saga that is not parked (${state})`, () => {
        assert.equal(operate(sagaIn(state), { kind: 'operator-retry' }).applied, false);
        assert.equal(operate(sagaIn(state), { kind: 'operator-resolved', note: 'x' }).applied, false);
      });
    }
  });
});
