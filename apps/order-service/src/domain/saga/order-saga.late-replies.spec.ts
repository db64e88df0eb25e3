import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAGA_STATES } from './saga-state.js';
import { ALL_REPLIES, PENDING_STEPS_OF, appliedOnly, onDeadline, onReply, replies, reply, sagaIn, secondsAfterPlacement } from './testing/saga.fixtures.js';

describe('order saga, late and duplicate replies', () => {
  for (const state of SAGA_STATES) {
    const pending: readonly string[] = state in PENDING_STEPS_OF ? PENDING_STEPS_OF[state as keyof typeof PENDING_STEPS_OF] : [];
    for (const late of ALL_REPLIES.filter((candidate) => !pending.includes(candidate.payload.step))) {
      it(`ignores ${late.type} in ${state}, which awaits no ${late.payload.step} reply`, () => {
        const saga = sagaIn(state);
        const transition = onReply(saga, late);
        assert.equal(transition.applied, false);
        assert.equal(transition.saga, saga, 'the saga is returned unchanged');
      });
    }
  }

  for (const state of ['CONFIRMED', 'REJECTED', 'CANCELLED'] as const) {
    it(`ignores an expired deadline once the saga ended ${state}`, () => {
      const saga = sagaIn(state, { stepDeadlineAt: secondsAfterPlacement(1) });
      assert.equal(onDeadline(saga, secondsAfterPlacement(100)).applied, false);
    });
  }

  it('applies a redelivered StockReserved once: the second copy finds the step already left', () => {
    const first = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReserved));
    const second = onReply(first.saga, reply.stockReserved);
    assert.equal(second.applied, false);
    assert.match(second.applied ? '' : second.ignoredBecause, /late or a duplicate: no RESERVE_STOCK reply is awaited in AUTHORIZING_PAYMENT/);
  });

  it('counts a redelivered ReservationCommitted once while the capture is still awaited', () => {
    const committed = appliedOnly(onReply(sagaIn('CONFIRMING'), reply.reservationCommitted));
    assert.equal(onReply(committed.saga, reply.reservationCommitted).applied, false);
    assert.equal(committed.saga.state, 'CONFIRMING');
  });

  it('ignores a PaymentAuthorized that arrives after the saga gave up on the authorization: the void already sent undoes it', () => {
    const compensating = appliedOnly(onDeadline(sagaIn('AUTHORIZING_PAYMENT', { giveUpAt: secondsAfterPlacement(15) }), secondsAfterPlacement(15)));
    const late = onReply(compensating.saga, reply.paymentAuthorized);
    assert.equal(late.applied, false);
    assert.ok(compensating.commands.some((command) => command.definition.type === 'payment.VoidPayment'));
  });

  it('ignores a StockReserved that arrives after the saga gave up on the reservation: the release already sent undoes it', () => {
    const compensating = appliedOnly(onDeadline(sagaIn('RESERVING_STOCK', { giveUpAt: secondsAfterPlacement(15) }), secondsAfterPlacement(15)));
    assert.equal(onReply(compensating.saga, reply.stockReserved).applied, false);
  });

  it('ignores a second StockReleased once the order is cancelled', () => {
    const cancelled = appliedOnly(onReply(sagaIn('COMPENSATING', { pendingSteps: ['RELEASE_STOCK'] }), reply.stockReleased));
    const again = onReply(cancelled.saga, reply.stockReleased);
    assert.equal(again.applied, false);
    assert.match(again.applied ? '' : again.ignoredBecause, /already ended \(CANCELLED\)/);
  });

  it("ignores a reply that names another saga, even for the step this saga awaits", () => {
    const foreign = replies('0196f2a1-7c3e-7d21-9a4b-000000000000').stockReserved;
    const transition = onReply(sagaIn('RESERVING_STOCK'), foreign);
    assert.equal(transition.applied, false);
    assert.match(transition.applied ? '' : transition.ignoredBecause, /belongs to saga/);
  });
});
