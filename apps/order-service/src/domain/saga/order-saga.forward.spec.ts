import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startOrderSaga } from './order-saga.machine.js';
import type { SagaReply } from './saga-messages.js';
import {
  appliedOnly,
  loggedLines,
  onDeadline,
  onReply,
  order,
  placedAt,
  reply,
  sagaIn,
  secondsAfterPlacement,
  sentTypes,
  timings,
} from './testing/saga.fixtures.js';

describe('order saga, going forward', () => {
  describe('when the order is placed', () => {
    const started = startOrderSaga('0196f2a1-7c3e-7d21-9a4b-5c6d7e8f9a0b', order, placedAt, timings);

    it('asks the inventory to reserve every line of the order', () => {
      assert.deepEqual(started.commands, [
        {
          definition: started.commands[0]?.definition,
          payload: {
            sagaId: started.saga.sagaId,
            orderId: order.orderId,
            step: 'RESERVE_STOCK',
            items: [
              { sku: 'SKU-1', quantity: 2 },
              { sku: 'SKU-2', quantity: 1 },
            ],
          },
        },
      ]);
      assert.deepEqual(sentTypes(started), ['inventory.ReserveStock']);
    });

    it('waits for the reservation until one step timeout after placement', () => {
      assert.equal(started.saga.state, 'RESERVING_STOCK');
      assert.deepEqual(started.saga.pendingSteps, ['RESERVE_STOCK']);
      assert.deepEqual(started.saga.stepDeadlineAt, secondsAfterPlacement(15));
      assert.deepEqual(loggedLines(started), ['RESERVE_STOCK STARTED']);
      assert.equal(started.order, null);
      assert.equal(started.outcome, null);
    });
  });

  describe('while reserving stock', () => {
    it('authorizes the payment for the total the inventory reserved at, once the stock is reserved', () => {
      const now = secondsAfterPlacement(2);
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReserved, now));
      assert.equal(transition.saga.state, 'AUTHORIZING_PAYMENT');
      assert.deepEqual(transition.saga.pendingSteps, ['AUTHORIZE_PAYMENT']);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(17));
      assert.deepEqual(transition.commands.map((command) => command.payload), [
        {
          sagaId: transition.saga.sagaId,
          orderId: order.orderId,
          step: 'AUTHORIZE_PAYMENT',
          userId: order.userId,
          amountCents: 2950,
          currency: 'EUR',
          paymentToken: 'pm_card_ok',
        },
      ]);
      assert.deepEqual(loggedLines(transition), ['RESERVE_STOCK SUCCEEDED', 'AUTHORIZE_PAYMENT STARTED']);
    });

    it('reprices the order with the unit prices and total of the reservation', () => {
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReserved));
      assert.deepEqual(transition.order, {
        pricing: { items: reply.stockReserved.payload.items, totalCents: 2950, currency: 'EUR' },
      });
      assert.equal(transition.outcome, null);
    });

    it('leaves the order row alone when the reservation charged the prices the order was placed at', () => {
      const asPlaced: SagaReply = {
        type: 'inventory.StockReserved',
        payload: { ...reply.stockReserved.payload, items: order.items.map((line) => ({ ...line })), totalCents: order.totalCents, currency: order.currency },
      };
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), asPlaced));
      assert.equal(transition.order, null);
      assert.deepEqual(sentTypes(transition), ['payment.AuthorizePayment']);
    });

    it('rejects the order without attempting a payment when the stock cannot be reserved', () => {
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReservationFailed));
      assert.equal(transition.saga.state, 'REJECTED');
      assert.deepEqual(transition.saga.pendingSteps, []);
      assert.equal(transition.saga.stepDeadlineAt, null);
      assert.deepEqual(transition.commands, []);
      assert.deepEqual(transition.order, { status: 'REJECTED', failureReason: 'INSUFFICIENT_STOCK' });
      assert.deepEqual(loggedLines(transition), ['RESERVE_STOCK FAILED (INSUFFICIENT_STOCK: SKU-2)']);
    });

    it('publishes OrderRejected with the inventory reason', () => {
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReservationFailed));
      assert.equal(transition.outcome?.definition.type, 'order.OrderRejected');
      assert.deepEqual(transition.outcome?.payload, { orderId: order.orderId, userId: order.userId, totalCents: 3000, currency: 'EUR', reason: 'INSUFFICIENT_STOCK' });
    });

    it('rejects an order for an unknown SKU the same way', () => {
      const unknownSku: SagaReply = { type: 'inventory.StockReservationFailed', payload: { ...reply.stockReservationFailed.payload, reason: 'UNKNOWN_SKU', skus: ['SKU-9'] } };
      const transition = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), unknownSku));
      assert.deepEqual(transition.order, { status: 'REJECTED', failureReason: 'UNKNOWN_SKU' });
    });
  });

  describe('while authorizing the payment', () => {
    it('commits the reservation and captures the payment at once when the payment is authorized', () => {
      const transition = appliedOnly(onReply(sagaIn('AUTHORIZING_PAYMENT'), reply.paymentAuthorized, secondsAfterPlacement(3)));
      assert.equal(transition.saga.state, 'CONFIRMING');
      assert.deepEqual(transition.saga.pendingSteps, ['COMMIT_RESERVATION', 'CAPTURE_PAYMENT']);
      assert.equal(transition.saga.stepAttempts, 1);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(18));
      assert.equal(transition.saga.giveUpAt, null, 'past the pivot, the saga never gives up');
      assert.deepEqual(sentTypes(transition), ['inventory.CommitReservation', 'payment.CapturePayment']);
      assert.deepEqual(loggedLines(transition), ['AUTHORIZE_PAYMENT SUCCEEDED', 'COMMIT_RESERVATION STARTED', 'CAPTURE_PAYMENT STARTED']);
      assert.equal(transition.order, null);
    });
  });

  describe('while confirming', () => {
    it('confirms the order once both the commit and the capture are acknowledged', () => {
      const committed = appliedOnly(onReply(sagaIn('CONFIRMING'), reply.reservationCommitted));
      assert.equal(committed.saga.state, 'CONFIRMING');
      assert.deepEqual(committed.saga.pendingSteps, ['CAPTURE_PAYMENT']);
      assert.equal(committed.outcome, null);
      assert.equal(committed.order, null);

      const captured = appliedOnly(onReply(committed.saga, reply.paymentCaptured));
      assert.equal(captured.saga.state, 'CONFIRMED');
      assert.deepEqual(captured.saga.pendingSteps, []);
      assert.equal(captured.saga.stepDeadlineAt, null);
      assert.deepEqual(captured.order, { status: 'CONFIRMED', failureReason: null });
      assert.deepEqual(captured.commands, []);
      assert.deepEqual(loggedLines(captured), ['CAPTURE_PAYMENT SUCCEEDED']);
    });

    it('confirms the order whichever acknowledgement comes first', () => {
      const captured = appliedOnly(onReply(sagaIn('CONFIRMING'), reply.paymentCaptured));
      assert.deepEqual(captured.saga.pendingSteps, ['COMMIT_RESERVATION']);
      const committed = appliedOnly(onReply(captured.saga, reply.reservationCommitted));
      assert.equal(committed.saga.state, 'CONFIRMED');
    });

    it('publishes OrderConfirmed with the priced lines of the order', () => {
      const committed = appliedOnly(onReply(sagaIn('CONFIRMING', { pendingSteps: ['COMMIT_RESERVATION'] }), reply.reservationCommitted));
      assert.equal(committed.outcome?.definition.type, 'order.OrderConfirmed');
      assert.deepEqual(committed.outcome?.payload, { orderId: order.orderId, userId: order.userId, totalCents: 3000, currency: 'EUR', items: order.items });
    });

    it('sends only the unacknowledged confirmation again when the deadline passes, waiting longer each time', () => {
      const saga = sagaIn('CONFIRMING', { pendingSteps: ['CAPTURE_PAYMENT'], stepAttempts: 1 });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(15)));
      assert.equal(transition.saga.state, 'CONFIRMING');
      assert.equal(transition.saga.stepAttempts, 2);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(45));
      assert.deepEqual(sentTypes(transition), ['payment.CapturePayment']);
      assert.deepEqual(loggedLines(transition), ['CAPTURE_PAYMENT STARTED (sent again, send 2)']);
    });

    it('never compensates after the pivot: an hour of silence only sends the confirmation again, at most a minute apart', () => {
      const saga = sagaIn('CONFIRMING', { stepAttempts: 60, stepDeadlineAt: secondsAfterPlacement(3600) });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(3600)));
      assert.equal(transition.saga.state, 'CONFIRMING');
      assert.equal(transition.saga.cancellationReason, null);
      assert.deepEqual(transition.saga.pendingSteps, ['COMMIT_RESERVATION', 'CAPTURE_PAYMENT']);
      assert.deepEqual(sentTypes(transition), ['inventory.CommitReservation', 'payment.CapturePayment']);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(3660));
      assert.equal(transition.order, null);
    });
  });

  describe('while a participant is silent before the pivot', () => {
    it('sends the reservation again instead of giving up, and waits twice as long for the next send', () => {
      const transition = appliedOnly(onDeadline(sagaIn('RESERVING_STOCK'), secondsAfterPlacement(15)));
      assert.equal(transition.saga.state, 'RESERVING_STOCK');
      assert.equal(transition.saga.stepAttempts, 2);
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(45));
      assert.deepEqual(sentTypes(transition), ['inventory.ReserveStock']);
      assert.deepEqual(loggedLines(transition), ['RESERVE_STOCK STARTED (sent again, send 2)']);
      assert.equal(transition.saga.cancellationReason, null);
    });

    it('sends the authorization again with the same payload, so the payment service deduplicates it', () => {
      const saga = sagaIn('AUTHORIZING_PAYMENT');
      const first = appliedOnly(onReply(sagaIn('RESERVING_STOCK'), reply.stockReserved)).commands[0]!;
      const again = appliedOnly(onDeadline(saga, secondsAfterPlacement(15))).commands[0]!;
      assert.equal(again.definition.type, 'payment.AuthorizePayment');
      assert.equal(again.payload.sagaId, first.payload.sagaId);
      assert.equal(again.payload.step, 'AUTHORIZE_PAYMENT');
    });

    it('never schedules a send past the business deadline, so it gives up on time', () => {
      const saga = sagaIn('RESERVING_STOCK', { giveUpAt: secondsAfterPlacement(20) });
      const transition = appliedOnly(onDeadline(saga, secondsAfterPlacement(15)));
      assert.deepEqual(transition.saga.stepDeadlineAt, secondsAfterPlacement(20));
    });
  });

  it('walks from placement to CONFIRMED through every forward step', () => {
    let saga = startOrderSaga(sagaIn('RESERVING_STOCK').sagaId, order, placedAt, timings).saga;
    const states = [saga.state];
    for (const next of [reply.stockReserved, reply.paymentAuthorized, reply.paymentCaptured, reply.reservationCommitted]) {
      saga = appliedOnly(onReply(saga, next)).saga;
      states.push(saga.state);
    }
    assert.deepEqual(states, ['RESERVING_STOCK', 'AUTHORIZING_PAYMENT', 'CONFIRMING', 'CONFIRMING', 'CONFIRMED']);
  });
});
