// The gRPC API through a real grpc-js client, against the service in-process with a throw-away
// database and an in-process inventory gRPC server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { status, type ServiceError } from '@grpc/grpc-js';
import { createMigratedDatabase, type MigratedDatabase } from '@shop/testing';
import { FakeInventoryServer } from '../../testing/fake-inventory.server.js';
import { connectOrderClient, type OrderGrpcClient } from '../../testing/order-grpc.client.js';
import { startOrderTestApp, type OrderTestApp } from '../../testing/order-test-app.js';
import { repliesFor } from '../../testing/saga-replies.fixtures.js';

describe('the OrderService gRPC API', { timeout: 120_000 }, () => {
  let database: MigratedDatabase;
  let inventory: FakeInventoryServer;
  let service: OrderTestApp;
  let client: OrderGrpcClient;

  before(async () => {
    database = await createMigratedDatabase({ service: 'order-service', label: 'grpc' });
    inventory = await FakeInventoryServer.start([
      { sku: 'MUG-1', priceCents: 1250 },
      { sku: 'TEE-1', priceCents: 1999 },
    ]);
    service = await startOrderTestApp({ databaseUrl: database.url, inventoryUrl: inventory.url });
    client = connectOrderClient(service.grpcUrl);
  });
  after(async () => {
    client?.close();
    await service?.close();
    await inventory?.stop();
    await database?.drop();
  });

  const validRequest = (userId: string, overrides: Record<string, unknown> = {}) => ({
    userId,
    items: [{ sku: 'MUG-1', quantity: 2 }],
    paymentToken: 'pm_card_ok',
    idempotencyKey: '',
    ...overrides,
  });

  function failsWith(code: status, message?: RegExp) {
    return (error: unknown) => {
      const serviceError = error as ServiceError;
      assert.equal(serviceError.code, code, `expected status ${status[code]}, got ${status[serviceError.code]}: ${serviceError.details}`);
      if (message) assert.match(serviceError.details, message);
      return true;
    };
  }

  it('places an order and shows it PENDING with its lines, total and saga timeline', async () => {
    const userId = randomUUID();
    const placed = await client.placeOrder(validRequest(userId, { items: [{ sku: 'MUG-1', quantity: 2 }, { sku: 'TEE-1', quantity: 1 }] }));
    assert.equal(placed.status, 'ORDER_STATUS_PENDING');

    const { order } = await client.getOrder({ orderId: placed.orderId, userId });
    assert.equal(order?.orderId, placed.orderId);
    assert.equal(order?.userId, userId);
    assert.equal(order?.status, 'ORDER_STATUS_PENDING');
    assert.deepEqual(order?.items, [
      { sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 },
      { sku: 'TEE-1', quantity: 1, unitPriceCents: 1999 },
    ]);
    assert.equal(order?.totalCents, 4499);
    assert.equal(order?.currency, 'EUR');
    assert.equal(order?.failureReason, '');
    assert.deepEqual(order?.saga.map(({ step, status: stepStatus }) => [step, stepStatus]), [['RESERVE_STOCK', 'SAGA_STEP_STATUS_STARTED']]);
    assert.ok(!Number.isNaN(Date.parse(order?.saga[0]?.at ?? '')));
    assert.ok(!Number.isNaN(Date.parse(order?.createdAt ?? '')));
  });

  it('shows the whole timeline and the failure reason once the saga has moved on', async () => {
    const userId = randomUUID();
    const { orderId } = await client.placeOrder(validRequest(userId, { paymentToken: 'pm_card_declined' }));
    const replies = await repliesFor(database, orderId);
    await service.replies.handle(replies.stockReserved([{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }]));
    await service.replies.handle(replies.paymentDeclined('CARD_DECLINED'));
    await service.replies.handle(replies.stockReleased());

    const { order } = await client.getOrder({ orderId, userId });
    assert.equal(order?.status, 'ORDER_STATUS_CANCELLED');
    assert.equal(order?.failureReason, 'CARD_DECLINED');
    assert.deepEqual(order?.saga.map(({ step, status: stepStatus }) => `${step} ${stepStatus.replace('SAGA_STEP_STATUS_', '')}`), [
      'RESERVE_STOCK STARTED',
      'RESERVE_STOCK SUCCEEDED',
      'AUTHORIZE_PAYMENT STARTED',
      'AUTHORIZE_PAYMENT FAILED',
      'RELEASE_STOCK STARTED',
      'RELEASE_STOCK SUCCEEDED',
      'RESERVE_STOCK COMPENSATED',
    ]);
  });

  it('answers NOT_FOUND for an order of another user, as for an order that does not exist', async () => {
    const owner = randomUUID();
    const { orderId } = await client.placeOrder(validRequest(owner));
    await assert.rejects(client.getOrder({ orderId, userId: randomUUID() }), failsWith(status.NOT_FOUND, /^ORDER\.NOT_FOUND$/));
    await assert.rejects(client.getOrder({ orderId: randomUUID(), userId: owner }), failsWith(status.NOT_FOUND, /^ORDER\.NOT_FOUND$/));
  });

  it('returns the same order for the same idempotency key', async () => {
    const userId = randomUUID();
    const request = validRequest(userId, { idempotencyKey: `key-${randomUUID()}` });
    const first = await client.placeOrder(request);
    const second = await client.placeOrder(request);
    assert.equal(second.orderId, first.orderId);
  });

  it("lists a user's orders newest first, page by page, and no one else's", async () => {
    const userId = randomUUID();
    const placed: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      placed.push((await client.placeOrder(validRequest(userId))).orderId);
      await sleep(2); // distinct creation instants, so "newest first" is observable
    }
    await client.placeOrder(validRequest(randomUUID()));

    const seen: string[] = [];
    let pageToken = '';
    const pageSizes: number[] = [];
    do {
      const page = await client.listOrders({ userId, pageSize: 2, pageToken });
      pageSizes.push(page.orders.length);
      seen.push(...page.orders.map((order) => order.orderId));
      assert.ok(page.orders.every((order) => order.userId === userId));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');

    assert.deepEqual(pageSizes, [2, 2, 1]);
    assert.deepEqual(seen, [...placed].reverse());
  });

  it('pages 20 orders by default and caps a large page size', async () => {
    const userId = randomUUID();
    for (let index = 0; index < 21; index += 1) await client.placeOrder(validRequest(userId));
    const byDefault = await client.listOrders({ userId });
    assert.equal(byDefault.orders.length, 20);
    assert.notEqual(byDefault.nextPageToken, '');
    const large = await client.listOrders({ userId, pageSize: 1000 });
    assert.equal(large.orders.length, 21);
    assert.equal(large.nextPageToken, '');
  });

  it('refuses a page token it did not issue', async () => {
    await assert.rejects(client.listOrders({ userId: randomUUID(), pageToken: 'not-a-token' }), failsWith(status.INVALID_ARGUMENT, /ORDER\.INVALID_PAGE_TOKEN/));
  });

  it('refuses unknown SKUs with INVALID_ARGUMENT naming them', async () => {
    await assert.rejects(
      client.placeOrder(validRequest(randomUUID(), { items: [{ sku: 'MUG-1', quantity: 1 }, { sku: 'GHOST-1', quantity: 1 }] })),
      failsWith(status.INVALID_ARGUMENT, /^ORDER\.UNKNOWN_SKUS: unknown SKUs: GHOST-1$/),
    );
  });

  const invalidRequests: [string, Record<string, unknown>, RegExp][] = [
    ['an empty item list', { items: [] }, /items must hold at least one item/],
    ['more than 50 lines', { items: Array.from({ length: 51 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })) }, /items must hold at most 50 items/],
    ['a quantity of 0', { items: [{ sku: 'MUG-1', quantity: 0 }] }, /items\.0\.quantity must be between 1 and 1000/],
    ['a quantity of 1001', { items: [{ sku: 'MUG-1', quantity: 1001 }] }, /items\.0\.quantity must be between 1 and 1000/],
    ['a SKU named twice', { items: [{ sku: 'MUG-1', quantity: 1 }, { sku: 'MUG-1', quantity: 2 }] }, /items must not name a SKU twice/],
    ['an unknown payment token', { paymentToken: 'pm_card_stolen' }, /payment_token must be a known payment token/],
    ['a user id that is not a UUID', { userId: 'ada' }, /user_id must be a UUID/],
  ];
  for (const [what, overrides, message] of invalidRequests) {
    it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
      await assert.rejects(client.placeOrder(validRequest(randomUUID(), overrides)), failsWith(status.INVALID_ARGUMENT, message));
    });
  }

  it('refuses an order id that is not a UUID with INVALID_ARGUMENT', async () => {
    await assert.rejects(client.getOrder({ orderId: '42', userId: randomUUID() }), failsWith(status.INVALID_ARGUMENT, /order_id must be a UUID/));
  });

  it('answers UNAVAILABLE, and records nothing, while the catalog cannot be read', async () => {
    const userId = randomUUID();
    inventory.failWith(status.UNAVAILABLE);
    try {
      await assert.rejects(client.placeOrder(validRequest(userId)), failsWith(status.UNAVAILABLE, /^ORDER\.CATALOG_UNAVAILABLE/));
    } finally {
      inventory.failWith(null);
    }
    assert.deepEqual((await client.listOrders({ userId })).orders, []);
  });
});
