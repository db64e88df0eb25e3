// Replies applied to sagas stored in a real PostgreSQL database: inbox, row lock, state machine,
// order, timeline and outbox in one transaction per reply.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createMessage, StockReleasedReply } from '@shop/contracts';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { outboxMessages, outboxTypes } from '../../testing/outbox-messages.js';
import { orderRowOf, repliesFor, sagaRowOf, timelineOf } from '../../testing/saga-replies.fixtures.js';
import type { SagaReplyMessage } from './handle-saga-reply.handler.js';

describe('handling saga replies', { timeout: 120_000 }, () => {
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'saga_replies' });
    inventory = await FakeInventoryServer.start([{ sku: 'MUG-1', priceCents: 1250 }]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url });
  });
  after(async () => {
    await service?.close();
    await inventory?.stop();
    await database?.drop();
  });

  async function placeOrder(paymentToken = 'pm_card_ok') {
    const { orderId } = await service.placeOrder.execute({ userId: randomUUID(), items: [{ sku: 'MUG-1', quantity: 2 }], paymentToken, idempotencyKey: null });
    return { orderId, replies: await repliesFor(database, orderId) };
  }

  async function inboxCount(messageId: string): Promise<number> {
    const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM inbox_messages WHERE message_id = $1', [messageId]);
    return row?.count ?? -1;
  }

  it('changes the saga once when the same reply is delivered twice', async () => {
    const { orderId, replies } = await placeOrder();
    const reserved = replies.stockReserved([{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1200 }]);

    const first = await service.replies.handle(reserved);
    const second = await service.replies.handle(reserved);

    assert.equal(first.kind, 'handled');
    assert.equal(second.kind, 'duplicate');
    const saga = await sagaRowOf(database, orderId);
    assert.equal(saga.state, 'AUTHORIZING_PAYMENT');
    assert.equal(saga.version, 1, 'one write to the saga row');
    assert.deepEqual(await timelineOf(database, orderId), ['RESERVE_STOCK STARTED', 'RESERVE_STOCK SUCCEEDED', 'AUTHORIZE_PAYMENT STARTED']);
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'payment.AuthorizePayment']);
    assert.equal(await inboxCount(reserved.messageId), 1);
  });

  it('ignores a second copy of a reply that a participant sent again under a new message id', async () => {
    const { orderId, replies } = await placeOrder();
    const items = [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }];
    await service.replies.handle(replies.stockReserved(items));
    const again = await service.replies.handle(replies.stockReserved(items));
    assert.equal(again.kind, 'handled');
    assert.equal(again.kind === 'handled' && again.transition.applied, false);
    assert.equal((await sagaRowOf(database, orderId)).version, 1);
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'payment.AuthorizePayment']);
  });

  it('confirms an order through reservation, authorization, commit and capture, charging the reserved prices', async () => {
    const { orderId, replies } = await placeOrder();
    const reserved = replies.stockReserved([{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1200 }]);
    await service.replies.handle(reserved);
    const authorized = replies.paymentAuthorized(2400);
    await service.replies.handle(authorized);
    await service.replies.handle(replies.reservationCommitted());
    assert.equal((await orderRowOf(database, orderId)).status, 'PENDING', 'one acknowledgement is not enough');
    await service.replies.handle(replies.paymentCaptured(2400));

    assert.deepEqual(await orderRowOf(database, orderId), { status: 'CONFIRMED', total_cents: 2400, currency: 'EUR', failure_reason: null });
    const saga = await sagaRowOf(database, orderId);
    assert.equal(saga.state, 'CONFIRMED');
    assert.equal(saga.step_deadline_at, null);
    const messages = await outboxMessages(database, orderId);
    assert.deepEqual(
      messages.map((message) => message.type),
      ['inventory.ReserveStock', 'payment.AuthorizePayment', 'inventory.CommitReservation', 'payment.CapturePayment', 'order.OrderConfirmed'],
    );
    const authorize = messages[1];
    assert.equal(authorize?.payload.amountCents, 2400);
    assert.equal(authorize?.payload.paymentToken, 'pm_card_ok');
    assert.equal(authorize?.causationId, reserved.messageId, 'each command names the reply that caused it');
    assert.equal(messages[2]?.causationId, authorized.messageId);
    assert.equal(messages[4]?.topic, 'order.events.v1');
    assert.deepEqual(messages[4]?.payload.items, [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1200 }]);
    const items = await database.query('SELECT sku, quantity, unit_price_cents FROM order_items WHERE order_id = $1', [orderId]);
    assert.deepEqual(items, [{ sku: 'MUG-1', quantity: 2, unit_price_cents: 1200 }]);
  });

  it('confirms once when the commit and the capture are handled at the same moment', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }]));
    await service.replies.handle(replies.paymentAuthorized(2500));
    await Promise.all([service.replies.handle(replies.reservationCommitted()), service.replies.handle(replies.paymentCaptured(2500))]);
    assert.equal((await sagaRowOf(database, orderId)).state, 'CONFIRMED');
    assert.equal((await outboxTypes(database, orderId)).filter((type) => type === 'order.OrderConfirmed').length, 1);
  });

  it('releases the stock and cancels the order with the decline reason when the payment is declined', async () => {
    const { orderId, replies } = await placeOrder('pm_card_declined');
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }]));
    await service.replies.handle(replies.paymentDeclined('CARD_DECLINED'));
    assert.equal((await orderRowOf(database, orderId)).status, 'PENDING', 'PENDING until the release is acknowledged');
    await service.replies.handle(replies.stockReleased());

    assert.deepEqual(await orderRowOf(database, orderId), { status: 'CANCELLED', total_cents: 2500, currency: 'EUR', failure_reason: 'CARD_DECLINED' });
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'payment.AuthorizePayment', 'inventory.ReleaseStock', 'order.OrderCancelled']);
    const cancelled = (await outboxMessages(database, orderId)).at(-1);
    assert.equal(cancelled?.payload.reason, 'CARD_DECLINED');
    assert.deepEqual((await timelineOf(database, orderId)).slice(-4), ['AUTHORIZE_PAYMENT FAILED', 'RELEASE_STOCK STARTED', 'RELEASE_STOCK SUCCEEDED', 'RESERVE_STOCK COMPENSATED']);
  });

  it('rejects the order without any payment command when the stock cannot be reserved', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReservationFailed(['MUG-1']));
    assert.deepEqual(await orderRowOf(database, orderId), { status: 'REJECTED', total_cents: 2500, currency: 'EUR', failure_reason: 'INSUFFICIENT_STOCK' });
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'order.OrderRejected']);
  });

  it('reports a reply for an order without a saga, and leaves it unclaimed so it can be dead-lettered', async () => {
    const orderId = randomUUID();
    const stray = createMessage(StockReleasedReply, { sagaId: randomUUID(), step: 'RELEASE_STOCK', orderId }, { correlationId: orderId }) as SagaReplyMessage;
    assert.deepEqual(await service.replies.handle(stray), { kind: 'unknown-saga' });
    assert.equal(await inboxCount(stray.messageId), 0);
  });
});
