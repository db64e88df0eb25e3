import '../../testing/test-telemetry.js';
// An operator's commands on a parked saga, on a real PostgreSQL database: the use case in-process,
// and the `npm run saga` command line as its own process against the same database.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { outboxTypes } from '../../testing/outbox-messages.js';
import { expireDeadline, orderRowOf, repliesFor, sagaRowOf, timelineOf } from '../../testing/saga-replies.fixtures.js';
import { OperateParkedSagaHandler } from './operate-parked-saga.handler.js';

const SETTINGS = { COMPENSATION_RETRY_INITIAL_DELAY_MS: '600000', COMPENSATION_RETRY_MAX_DELAY_MS: '600000', SAGA_MAX_COMPENSATION_ATTEMPTS: '1' };
const CLI = join(import.meta.dirname, '..', '..', 'interface', 'cli', 'saga-operator.js');

describe('operating a parked saga', { timeout: 120_000 }, () => {
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'operator' });
    inventory = await FakeInventoryServer.start([{ sku: 'MUG-1', priceCents: 1000 }]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url, settings: SETTINGS });
  });
  after(async () => {
    await service?.close();
    await inventory?.stop();
    await database?.drop();
  });

  /** An order whose card was declined and whose stock release is never acknowledged. */
  async function parkedOrder(): Promise<string> {
    const { orderId } = await service.placeOrder.execute({ userId: randomUUID(), items: [{ sku: 'MUG-1', quantity: 1 }], paymentToken: 'pm_card_ok', idempotencyKey: null });
    const replies = await repliesFor(database, orderId);
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 1, unitPriceCents: 1000 }]));
    await service.replies.handle(replies.paymentDeclined('CARD_DECLINED'));
    await expireDeadline(database, orderId);
    await service.sweeper.sweepOnce();
    assert.equal((await sagaRowOf(database, orderId)).state, 'FAILED_COMPENSATION');
    return orderId;
  }

  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, KAFKA_BROKERS: '127.0.0.1:9092', INVENTORY_GRPC_URL: inventory.url, LOG_LEVEL: 'error' },
    });

  it('sends the compensations again on retry, and the next acknowledgement cancels the order', async () => {
    const orderId = await parkedOrder();
    const outcome = await service.app.get(OperateParkedSagaHandler).execute(orderId, { kind: 'retry' });
    assert.deepEqual(outcome, { kind: 'done', from: 'FAILED_COMPENSATION', to: 'COMPENSATING' });
    assert.deepEqual((await outboxTypes(database, orderId)).slice(-1), ['inventory.ReleaseStock']);
    assert.equal((await orderRowOf(database, orderId)).failure_reason, null);

    await service.replies.handle((await repliesFor(database, orderId)).stockReleased());
    assert.equal((await orderRowOf(database, orderId)).status, 'CANCELLED');
  });

  it('refuses a saga that is not parked, and an order that has none', async () => {
    const { orderId } = await service.placeOrder.execute({ userId: randomUUID(), items: [{ sku: 'MUG-1', quantity: 1 }], paymentToken: 'pm_card_ok', idempotencyKey: null });
    const operator = service.app.get(OperateParkedSagaHandler);
    assert.deepEqual(await operator.execute(orderId, { kind: 'retry' }), { kind: 'not-parked', state: 'RESERVING_STOCK' });
    assert.deepEqual(await operator.execute(randomUUID(), { kind: 'resolve', note: 'x' }), { kind: 'not-found' });
  });

  it('lists parked sagas and resolves one from the command line, which cancels the order and records who did it', async () => {
    const orderId = await parkedOrder();
    const listed = await cli('parked');
    assert.match(listed.stdout, new RegExp(`${orderId} .*CARD_DECLINED .*waiting for RELEASE_STOCK`));

    const resolved = await cli('resolve', orderId, '--note', 'units released in the warehouse system, OPS-42');
    assert.match(resolved.stdout, /FAILED_COMPENSATION -> CANCELLED/);
    assert.deepEqual(await orderRowOf(database, orderId), { status: 'CANCELLED', total_cents: 1000, currency: 'EUR', failure_reason: 'CARD_DECLINED' });
    assert.equal((await outboxTypes(database, orderId)).at(-1), 'order.OrderCancelled');
    assert.deepEqual((await timelineOf(database, orderId)).slice(-2), ['RELEASE_STOCK SUCCEEDED', 'RESERVE_STOCK COMPENSATED']);

    await assert.rejects(cli('retry', orderId), (error: { code?: number; stderr?: string }) => error.code === 1 && /CANCELLED, not parked/.test(error.stderr ?? ''));
    await assert.rejects(cli('resolve', orderId), (error: { code?: number; stderr?: string }) => error.code === 2 && /needs --note/.test(error.stderr ?? ''));
  });
});
