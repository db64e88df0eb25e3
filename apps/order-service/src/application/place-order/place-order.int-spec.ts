// Placing an order against a real PostgreSQL database (migrated with the service's migrations) and
// an in-process inventory gRPC server: one transaction writes the order, its saga and the command.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { OrderError } from '../../domain/order/order.errors.js';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { outboxMessages } from '../../testing/outbox-messages.js';
import { orderRowOf, sagaRowOf, timelineOf } from '../../testing/saga-replies.fixtures.js';
import type { PlaceOrderCommand } from './place-order.command.js';

describe('placing an order', { timeout: 120_000 }, () => {
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'place_order' });
    inventory = await FakeInventoryServer.start([
      { sku: 'MUG-1', priceCents: 1250 },
      { sku: 'TEE-1', priceCents: 1999 },
      { sku: 'USD-ONLY', priceCents: 500, currency: 'USD' },
    ]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url });
  });
  after(async () => {
    await service?.close();
    await inventory?.stop();
    await database?.drop();
  });

  function command(overrides: Partial<PlaceOrderCommand> = {}): PlaceOrderCommand {
    return {
      userId: randomUUID(),
      items: [
        { sku: 'MUG-1', quantity: 2 },
        { sku: 'TEE-1', quantity: 1 },
      ],
      paymentToken: 'pm_card_ok',
      idempotencyKey: null,
      ...overrides,
    };
  }

  async function countRows(table: string): Promise<number> {
    const [row] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
    return row?.count ?? -1;
  }

  it('records the order PENDING and priced from the catalog, its saga reserving stock, and the ReserveStock command', async () => {
    const request = command();
    const placed = await service.placeOrder.execute(request);
    assert.equal(placed.status, 'PENDING');

    assert.deepEqual(await orderRowOf(database, placed.orderId), { status: 'PENDING', total_cents: 2 * 1250 + 1999, currency: 'EUR', failure_reason: null });
    const items = await database.query('SELECT sku, quantity, unit_price_cents FROM order_items WHERE order_id = $1 ORDER BY sku', [placed.orderId]);
    assert.deepEqual(items, [
      { sku: 'MUG-1', quantity: 2, unit_price_cents: 1250 },
      { sku: 'TEE-1', quantity: 1, unit_price_cents: 1999 },
    ]);
    const saga = await sagaRowOf(database, placed.orderId);
    assert.equal(saga.state, 'RESERVING_STOCK');
    assert.deepEqual(saga.pending_steps, ['RESERVE_STOCK']);
    assert.ok(saga.step_deadline_at && saga.step_deadline_at.getTime() > Date.now(), 'the reservation has a deadline ahead');
    assert.deepEqual(await timelineOf(database, placed.orderId), ['RESERVE_STOCK STARTED']);

    const [reserve, ...others] = await outboxMessages(database, placed.orderId);
    assert.deepEqual(others, []);
    assert.equal(reserve?.topic, 'inventory.commands.v1');
    assert.equal(reserve?.type, 'inventory.ReserveStock');
    assert.equal(reserve?.correlationId, placed.orderId, 'the order id correlates the whole saga');
    assert.deepEqual(reserve?.payload, {
      sagaId: (await repliesSagaId(placed.orderId)) ?? '',
      step: 'RESERVE_STOCK',
      orderId: placed.orderId,
      items: request.items,
    });
  });

  it('writes nothing at all when the transaction fails at its last write, the outbox', async () => {
    const before = await Promise.all(['orders', 'order_items', 'saga_instances', 'saga_step_logs', 'outbox_messages'].map(countRows));
    // A real failure of the outbox insert, the transaction's last statement (NOT VALID: new rows only).
    await database.query("ALTER TABLE outbox_messages ADD CONSTRAINT refuse_for_test CHECK (topic <> 'inventory.commands.v1') NOT VALID");
    try {
      await assert.rejects(service.placeOrder.execute(command()), /refuse_for_test/);
    } finally {
      await database.query('ALTER TABLE outbox_messages DROP CONSTRAINT refuse_for_test');
    }
    const afterFailure = await Promise.all(['orders', 'order_items', 'saga_instances', 'saga_step_logs', 'outbox_messages'].map(countRows));
    assert.deepEqual(afterFailure, before);
  });

  it('returns the first order for a second request with the same idempotency key, without starting another saga', async () => {
    const request = command({ idempotencyKey: `key-${randomUUID()}` });
    const first = await service.placeOrder.execute(request);
    const second = await service.placeOrder.execute(request);
    assert.deepEqual(second, first);
    const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE user_id = $1', [request.userId]);
    assert.equal(row?.count, 1);
    assert.equal((await outboxMessages(database, first.orderId)).length, 1);
  });

  it('answers a request with a used idempotency key with its order, even when the catalog cannot price it any more', async () => {
    const request = command({ idempotencyKey: `key-${randomUUID()}`, items: [{ sku: 'MUG-1', quantity: 1 }] });
    const first = await service.placeOrder.execute(request);
    inventory.failWith(status.UNAVAILABLE);
    try {
      assert.deepEqual(await service.placeOrder.execute(request), first, 'the catalog is down');
    } finally {
      inventory.failWith(null);
    }
    assert.deepEqual(await service.placeOrder.execute({ ...request, items: [{ sku: 'NOPE-1', quantity: 1 }] }), first, 'its products are unknown now');
    assert.equal((await outboxMessages(database, first.orderId)).length, 1);
  });

  it('places one order for concurrent requests with the same idempotency key', async () => {
    const request = command({ idempotencyKey: `key-${randomUUID()}` });
    const placed = await Promise.all(Array.from({ length: 8 }, () => service.placeOrder.execute(request)));
    assert.equal(new Set(placed.map((order) => order.orderId)).size, 1);
    const [row] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE user_id = $1', [request.userId]);
    assert.equal(row?.count, 1);
  });

  it('lets the same key name different orders for different users', async () => {
    const idempotencyKey = `shared-${randomUUID()}`;
    const first = await service.placeOrder.execute(command({ idempotencyKey }));
    const second = await service.placeOrder.execute(command({ idempotencyKey }));
    assert.notEqual(first.orderId, second.orderId);
  });

  it('refuses SKUs the catalog does not know, naming them, and writes nothing', async () => {
    const ordersBefore = await countRows('orders');
    await assert.rejects(
      service.placeOrder.execute(command({ items: [{ sku: 'MUG-1', quantity: 1 }, { sku: 'NOPE-1', quantity: 1 }, { sku: 'NOPE-2', quantity: 3 }] })),
      (error: unknown) => error instanceof OrderError && error.code === 'ORDER.UNKNOWN_SKUS' && error.message === 'ORDER.UNKNOWN_SKUS: unknown SKUs: NOPE-1, NOPE-2',
    );
    assert.equal(await countRows('orders'), ordersBefore);
  });

  it('refuses an order that mixes currencies', async () => {
    await assert.rejects(
      service.placeOrder.execute(command({ items: [{ sku: 'MUG-1', quantity: 1 }, { sku: 'USD-ONLY', quantity: 1 }] })),
      (error: unknown) => error instanceof OrderError && error.code === 'ORDER.MIXED_CURRENCIES',
    );
  });

  async function repliesSagaId(orderId: string): Promise<string | undefined> {
    const [row] = await database.query<{ id: string }>('SELECT id FROM saga_instances WHERE order_id = $1', [orderId]);
    return row?.id;
  }
});
