import '../../testing/test-telemetry.js';
// The deadline sweeper on a real PostgreSQL database. Deadlines are moved into the past with SQL
// instead of waited for, and the step and retry delays are long, so only the sweeps a test runs
// itself ever advance a saga.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { outboxMessages, outboxTypes } from '../../testing/outbox-messages.js';
import { RecordingLogger } from '../../testing/recording-logger.js';
import { expireDeadline, orderRowOf, passBusinessDeadline, repliesFor, sagaRowOf, timelineOf } from '../../testing/saga-replies.fixtures.js';

const SETTINGS = {
  SAGA_RESEND_INITIAL_DELAY_MS: '600000',
  SAGA_RESEND_MAX_DELAY_MS: '600000',
  COMPENSATION_RETRY_INITIAL_DELAY_MS: '600000',
  COMPENSATION_RETRY_MAX_DELAY_MS: '600000',
  SAGA_MAX_COMPENSATION_ATTEMPTS: '2',
};

describe('the saga deadline sweeper', { timeout: 120_000 }, () => {
  const logger = new RecordingLogger();
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'sweeper' });
    inventory = await FakeInventoryServer.start([{ sku: 'MUG-1', priceCents: 1000 }]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url, settings: SETTINGS, logger });
  });
  after(async () => {
    await service?.close();
    await inventory?.stop();
    await database?.drop();
  });

  async function placeOrder() {
    const { orderId } = await service.placeOrder.execute({ userId: randomUUID(), items: [{ sku: 'MUG-1', quantity: 1 }], paymentToken: 'pm_card_ok', idempotencyKey: null });
    return { orderId, replies: await repliesFor(database, orderId) };
  }

  it('sends a silent step again, and cancels nothing, while the business deadline lies ahead', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await expireDeadline(database, orderId);

    assert.ok((await service.sweeper.sweepOnce()) >= 1);

    const saga = await sagaRowOf(database, orderId);
    assert.equal(saga.state, 'AUTHORIZING_PAYMENT');
    assert.equal(saga.cancellation_reason, null);
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'payment.AuthorizePayment', 'payment.AuthorizePayment']);
    assert.equal((await orderRowOf(database, orderId)).status, 'PENDING');
  });

  it('cancels a saga whose payment authorization got no reply by the business deadline, voiding the payment and releasing the stock first', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await passBusinessDeadline(database, orderId);

    assert.ok((await service.sweeper.sweepOnce()) >= 1);

    const saga = await sagaRowOf(database, orderId);
    assert.equal(saga.state, 'COMPENSATING');
    assert.equal(saga.cancellation_reason, 'SAGA_TIMED_OUT');
    assert.deepEqual(saga.pending_steps, ['VOID_PAYMENT', 'RELEASE_STOCK']);
    const compensations = (await outboxMessages(database, orderId)).slice(-2);
    assert.deepEqual(compensations.map((message) => [message.topic, message.type]), [
      ['payment.commands.v1', 'payment.VoidPayment'],
      ['inventory.commands.v1', 'inventory.ReleaseStock'],
    ]);
    assert.equal((await orderRowOf(database, orderId)).status, 'PENDING', 'PENDING until the compensations are acknowledged');

    await service.replies.handle(replies.paymentVoided());
    await service.replies.handle(replies.stockReleased());
    assert.deepEqual(await orderRowOf(database, orderId), { status: 'CANCELLED', total_cents: 1000, currency: 'EUR', failure_reason: 'SAGA_TIMED_OUT' });
    assert.equal((await outboxTypes(database, orderId)).at(-1), 'order.OrderCancelled');
  });

  it('leaves a saga alone while its deadline lies ahead', async () => {
    const { orderId } = await placeOrder();
    await service.sweeper.sweepOnce();
    const saga = await sagaRowOf(database, orderId);
    assert.equal(saga.state, 'RESERVING_STOCK');
    assert.equal(saga.version, 0);
    assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock']);
  });

  it('sends an unacknowledged compensation again, then parks the saga for an operator and says so', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await service.replies.handle(replies.paymentDeclined('CARD_DECLINED'));

    await expireDeadline(database, orderId);
    await service.sweeper.sweepOnce();
    assert.equal((await sagaRowOf(database, orderId)).compensation_attempts, 2);
    assert.equal((await outboxTypes(database, orderId)).filter((type) => type === 'inventory.ReleaseStock').length, 2);

    await expireDeadline(database, orderId);
    await service.sweeper.sweepOnce();
    const parked = await sagaRowOf(database, orderId);
    assert.equal(parked.state, 'FAILED_COMPENSATION');
    assert.equal(parked.step_deadline_at, null);
    assert.equal(parked.last_error, 'RELEASE_STOCK not acknowledged after 2 attempts');
    assert.deepEqual(await orderRowOf(database, orderId), { status: 'PENDING', total_cents: 1000, currency: 'EUR', failure_reason: 'COMPENSATION_FAILED' });
    assert.equal((await timelineOf(database, orderId)).at(-1), 'RELEASE_STOCK FAILED');

    const alert = logger.calls.find((call) => call.level === 'error' && (call.message as { orderId?: string }).orderId === orderId);
    assert.equal((alert?.message as { code?: string } | undefined)?.code, 'ORDER.COMPENSATION_FAILED');
    const metrics = await (await fetch(`${service.httpUrl}/metrics`)).text();
    assert.match(metrics, /^saga_compensation_failures_total\{[^}]*reason="CARD_DECLINED"[^}]*\} 1$/m);
  });

  it('still cancels a parked saga when the acknowledgement finally arrives', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await service.replies.handle(replies.paymentDeclined('GATEWAY_TIMEOUT'));
    for (let sweep = 0; sweep < 2; sweep += 1) {
      await expireDeadline(database, orderId);
      await service.sweeper.sweepOnce();
    }
    assert.equal((await sagaRowOf(database, orderId)).state, 'FAILED_COMPENSATION');

    await service.replies.handle(replies.stockReleased());
    assert.deepEqual(await orderRowOf(database, orderId), { status: 'CANCELLED', total_cents: 1000, currency: 'EUR', failure_reason: 'GATEWAY_TIMEOUT' });
    const metrics = await (await fetch(`${service.httpUrl}/metrics`)).text();
    assert.match(metrics, /^orders_total\{[^}]*outcome="CANCELLED"[^}]*\} \d+$/m);
  });

  it('advances each due saga exactly once when two sweeps run at the same time', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOrder()));
    for (const { orderId } of orders) await expireDeadline(database, orderId);

    const [first, second] = await Promise.all([service.sweeper.sweepOnce(), service.sweeper.sweepOnce()]);

    assert.equal((first ?? 0) + (second ?? 0), orders.length);
    for (const { orderId } of orders) {
      const saga = await sagaRowOf(database, orderId);
      assert.equal(saga.state, 'RESERVING_STOCK');
      assert.equal(saga.version, 1);
      assert.deepEqual(await outboxTypes(database, orderId), ['inventory.ReserveStock', 'inventory.ReserveStock']);
    }
  });

  it('goes on past a saga that fails to advance, and postpones that one instead of trying it first every sweep', async () => {
    const broken = await placeOrder();
    const healthy = await placeOrder();
    // A line the contract refuses: sending ReserveStock again for this order throws.
    await database.query('UPDATE order_items SET quantity = 0 WHERE order_id = $1', [broken.orderId]);
    await database.query("UPDATE saga_instances SET step_deadline_at = now() - interval '2 seconds' WHERE order_id = $1", [broken.orderId]);
    await expireDeadline(database, healthy.orderId);

    assert.equal(await service.sweeper.sweepOnce(), 1);

    assert.deepEqual(await outboxTypes(database, healthy.orderId), ['inventory.ReserveStock', 'inventory.ReserveStock']);
    assert.deepEqual(await outboxTypes(database, broken.orderId), ['inventory.ReserveStock']);
    const postponed = await database.query<{ due_in_seconds: number }>(
      'SELECT extract(epoch FROM step_deadline_at - now())::int AS due_in_seconds FROM saga_instances WHERE order_id = $1',
      [broken.orderId],
    );
    assert.ok(postponed[0]!.due_in_seconds >= 20, `postponed by ${postponed[0]!.due_in_seconds} s`);
    const brokenSagaId = (await database.query<{ id: string }>('SELECT id FROM saga_instances WHERE order_id = $1', [broken.orderId]))[0]!.id;
    const alert = logger.calls.find((call) => call.level === 'error' && (call.message as { sagaId?: string }).sagaId === brokenSagaId);
    assert.equal((alert?.message as { code?: string } | undefined)?.code, 'ORDER.SAGA_ADVANCE_FAILED');
  });

  it('resumes in a new process from what the previous one stored', async () => {
    const { orderId, replies } = await placeOrder();
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await service.close();
    await passBusinessDeadline(database, orderId);

    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url, settings: SETTINGS, logger });
    await service.sweeper.sweepOnce();
    assert.equal((await sagaRowOf(database, orderId)).state, 'COMPENSATING');
    await service.replies.handle(replies.paymentVoided());
    await service.replies.handle(replies.stockReleased());
    assert.equal((await orderRowOf(database, orderId)).status, 'CANCELLED');
  });
});
