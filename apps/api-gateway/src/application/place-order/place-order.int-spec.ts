import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisConnection } from '@shop/redis';
import { GrpcStatus } from '@shop/resilience';
import { randomUUID } from 'node:crypto';
import type { orderV1 } from '@shop/contracts';
import { IdempotencyStore } from '../../infrastructure/redis/idempotency.store.js';
import { RedisKeys } from '../../infrastructure/redis/redis-keys.js';
import { LOCAL_REDIS_URL } from '../../testing/gateway.fixture.js';
import { GatewayError } from '../gateway-error.js';
import { OrderBook } from '../ports/order-book.js';
import { PlaceOrderHandler } from './place-order.handler.js';

/**
 * The order service as the gateway sees it: one order per (user, idempotency key), answering
 * after a moment so that concurrent requests really overlap. `refuse` makes it answer with a status.
 */
class OrderServiceStandIn extends OrderBook {
  calls = 0;
  refuse: GrpcStatus | null = null;
  private readonly orders = new Map<string, string>();

  async placeOrder(request: orderV1.PlaceOrderRequest): Promise<orderV1.PlaceOrderResponse> {
    this.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.refuse !== null) throw Object.assign(new Error(GrpcStatus[this.refuse]), { code: this.refuse, details: GrpcStatus[this.refuse] });
    const key = request.idempotencyKey ? `${request.userId}:${request.idempotencyKey}` : randomUUID();
    if (!this.orders.has(key)) this.orders.set(key, randomUUID());
    return { orderId: this.orders.get(key)!, status: 'ORDER_STATUS_PENDING' as orderV1.OrderStatus };
  }

  getOrder(): Promise<orderV1.Order> {
    throw new Error('placing an order reads none');
  }

  listOrders(): Promise<orderV1.ListOrdersResponse> {
    throw new Error('placing an order lists none');
  }
}

const body = { items: [{ sku: 'SKU-1', quantity: 2 }], paymentToken: 'pm_card_ok' };

describe('placing orders with an Idempotency-Key kept in Redis', () => {
  const prefix = `place-order-test-${randomUUID()}:`;
  let redis: RedisConnection;
  let store: IdempotencyStore;

  before(() => {
    redis = new RedisConnection(LOCAL_REDIS_URL);
    store = new IdempotencyStore(redis, new RedisKeys(prefix));
  });

  after(async () => {
    const keys = await redis.client.keys(`${prefix}*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await redis.client.quit();
  });

  function fixture() {
    const orders = new OrderServiceStandIn();
    return { orders, service: new PlaceOrderHandler(orders, store), userId: randomUUID(), key: randomUUID() };
  }

  it('answers the same body with the same key with the first order, without placing another', async () => {
    const { orders, service, userId, key } = fixture();
    const first = await service.execute({ ...body, userId, idempotencyKey: key });
    const again = await service.execute({ ...body, userId, idempotencyKey: key });
    assert.equal(again.orderId, first.orderId);
    assert.equal(orders.calls, 1);
  });

  it('refuses a different body with a used key, and places nothing', async () => {
    const { orders, service, userId, key } = fixture();
    await service.execute({ ...body, userId, idempotencyKey: key });
    await assert.rejects(service.execute({ ...body, items: [{ sku: 'SKU-1', quantity: 3 }], userId, idempotencyKey: key }), (error: GatewayError) => {
      assert.equal(error.code, 'IDEMPOTENCY.KEY_REUSED');
      return true;
    });
    assert.equal(orders.calls, 1);
  });

  it('keeps keys per user: another user\'s key of the same name is another order', async () => {
    const { service, userId, key } = fixture();
    const mine = await service.execute({ ...body, userId, idempotencyKey: key });
    const theirs = await service.execute({ ...body, userId: randomUUID(), idempotencyKey: key });
    assert.notEqual(theirs.orderId, mine.orderId);
  });

  it('gives concurrent first requests with one key one order', async () => {
    const { service, userId, key } = fixture();
    const placed = await Promise.all(Array.from({ length: 10 }, () => service.execute({ ...body, userId, idempotencyKey: key })));
    assert.equal(new Set(placed.map((order) => order.orderId)).size, 1);
    const again = await service.execute({ ...body, userId, idempotencyKey: key });
    assert.equal(again.orderId, placed[0]!.orderId);
  });

  it('lets exactly one of concurrent first requests with one key and different bodies through', async () => {
    const { service, userId, key } = fixture();
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((quantity) => service.execute({ ...body, items: [{ sku: 'SKU-1', quantity }], userId, idempotencyKey: key })),
    );
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) {
      assert.equal((outcome.reason as GatewayError).code, 'IDEMPOTENCY.KEY_REUSED');
    }
  });

  it('frees the key when the order service refused the body, so a corrected body may use it', async () => {
    const { orders, service, userId, key } = fixture();
    orders.refuse = GrpcStatus.INVALID_ARGUMENT;
    await assert.rejects(service.execute({ ...body, items: [{ sku: 'NOPE', quantity: 1 }], userId, idempotencyKey: key }), { code: GrpcStatus.INVALID_ARGUMENT });
    orders.refuse = null;
    const corrected = await service.execute({ ...body, userId, idempotencyKey: key });
    assert.match(corrected.orderId, /^[0-9a-f-]{36}$/);
  });

  it('keeps the key bound to the body when the outcome is unknown, and lets a retry of that body through', async () => {
    const { orders, service, userId, key } = fixture();
    orders.refuse = GrpcStatus.UNAVAILABLE;
    await assert.rejects(service.execute({ ...body, userId, idempotencyKey: key }), { code: GrpcStatus.UNAVAILABLE });
    orders.refuse = null;
    await assert.rejects(service.execute({ ...body, paymentToken: 'pm_card_declined', userId, idempotencyKey: key }), GatewayError);
    const retried = await service.execute({ ...body, userId, idempotencyKey: key });
    assert.match(retried.orderId, /^[0-9a-f-]{36}$/);
  });

  it('keeps a key for 24 hours', async () => {
    const { service, userId, key } = fixture();
    await service.execute({ ...body, userId, idempotencyKey: key });
    const ttl = await redis.client.ttl(new RedisKeys(prefix).idempotency(userId, key));
    assert.ok(ttl > 24 * 60 * 60 - 60 && ttl <= 24 * 60 * 60, `ttl ${ttl}`);
  });

  it('places an order per request without a key', async () => {
    const { orders, service, userId } = fixture();
    const first = await service.execute({ ...body, userId, idempotencyKey: null });
    const second = await service.execute({ ...body, userId, idempotencyKey: null });
    assert.notEqual(first.orderId, second.orderId);
    assert.equal(orders.calls, 2);
  });
});
