import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { type Customer, assertErrorReply, call, newCustomer } from '@shop/testing/system';

interface Order {
  orderId: string;
  userId: string;
  status: string;
  items: { sku: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
  failureReason: string | null;
  saga: { step: string; status: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

const ORDER_FIELDS = ['createdAt', 'currency', 'failureReason', 'items', 'orderId', 'saga', 'status', 'totalCents', 'updatedAt', 'userId'];

/** The product with the most stock: the orders placed here barely dent it, whatever else runs. */
async function plentifulSku(): Promise<string> {
  const { body } = await call<{ sku: string; available: number }[]>('GET', '/api/v1/products');
  const product = [...body].sort((a, b) => b.available - a.available)[0];
  assert.ok(product && product.available > 0, 'some product is in stock');
  return product.sku;
}

function assertOrderShape(order: Order): void {
  assert.deepEqual(Object.keys(order).sort(), ORDER_FIELDS, JSON.stringify(order));
  assert.ok(['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'].includes(order.status), order.status);
  assert.ok(Number.isInteger(order.totalCents));
  assert.ok(order.failureReason === null || typeof order.failureReason === 'string');
  for (const item of order.items) {
    assert.deepEqual(Object.keys(item).sort(), ['quantity', 'sku', 'unitPriceCents']);
    assert.ok(Number.isInteger(item.unitPriceCents));
  }
  for (const step of order.saga) {
    assert.deepEqual(Object.keys(step).sort(), ['at', 'status', 'step']);
    assert.ok(['STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED'].includes(step.status), step.status);
  }
}

describe('the gateway\'s order routes on the running stack', () => {
  let customer: Customer;
  let sku: string;
  const orderBody = () => ({ items: [{ sku, quantity: 1 }], paymentToken: 'pm_card_ok' });

  before(async () => {
    customer = await newCustomer('orders');
    sku = await plentifulSku();
  });

  describe('POST /api/v1/orders', () => {
    it('answers 202 {orderId, status: "PENDING"}', async () => {
      const reply = await call<{ orderId: string; status: string }>('POST', '/api/v1/orders', { token: customer.token, body: orderBody() });
      assert.equal(reply.status, 202, JSON.stringify(reply.body));
      assert.deepEqual(Object.keys(reply.body).sort(), ['orderId', 'status']);
      assert.equal(reply.body.status, 'PENDING');
    });

    it('answers 401 without a token or with a forged one', async () => {
      assertErrorReply(await call('POST', '/api/v1/orders', { body: orderBody() }), 401, 'Unauthorized');
      assertErrorReply(await call('POST', '/api/v1/orders', { body: orderBody(), token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }), 401, 'Unauthorized');
    });

    it('answers 400 for an empty item list', async () => {
      assertErrorReply(await call('POST', '/api/v1/orders', { token: customer.token, body: { ...orderBody(), items: [] } }), 400, 'Bad Request');
    });

    it('answers 400 for a quantity of 0 or of 1001', async () => {
      for (const quantity of [0, 1001]) {
        assertErrorReply(await call('POST', '/api/v1/orders', { token: customer.token, body: { ...orderBody(), items: [{ sku, quantity }] } }), 400, 'Bad Request');
      }
    });

    it('answers 400 for an unknown SKU', async () => {
      const body = { ...orderBody(), items: [{ sku: `NO-SUCH-SKU-${randomUUID().slice(0, 8).toUpperCase()}`, quantity: 1 }] };
      assertErrorReply(await call('POST', '/api/v1/orders', { token: customer.token, body }), 400, 'Bad Request');
    });

    it('answers 400 for an unknown payment token', async () => {
      assertErrorReply(await call('POST', '/api/v1/orders', { token: customer.token, body: { ...orderBody(), paymentToken: 'pm_card_no_such_token' } }), 400, 'Bad Request');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the same key and body with the same order', async () => {
      const headers = { 'Idempotency-Key': randomUUID() };
      const first = await call<{ orderId: string }>('POST', '/api/v1/orders', { token: customer.token, body: orderBody(), headers });
      const retry = await call<{ orderId: string }>('POST', '/api/v1/orders', { token: customer.token, body: orderBody(), headers });
      assert.equal(first.status, 202);
      assert.equal(retry.status, 202);
      assert.equal(retry.body.orderId, first.body.orderId);
    });

    it('answers 409 to the same key with a different body', async () => {
      const headers = { 'Idempotency-Key': randomUUID() };
      assert.equal((await call('POST', '/api/v1/orders', { token: customer.token, body: orderBody(), headers })).status, 202);
      const different = { ...orderBody(), items: [{ sku, quantity: 2 }] };
      assertErrorReply(await call('POST', '/api/v1/orders', { token: customer.token, body: different, headers }), 409, 'Conflict', 'IDEMPOTENCY.KEY_REUSED');
    });
  });

  describe('GET /api/v1/orders/:id', () => {
    let orderId: string;

    before(async () => {
      orderId = (await call<{ orderId: string }>('POST', '/api/v1/orders', { token: customer.token, body: orderBody() })).body.orderId;
    });

    it('answers the order with exactly the fields of the contract', async () => {
      const reply = await call<Order>('GET', `/api/v1/orders/${orderId}`, { token: customer.token });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assertOrderShape(reply.body);
      assert.equal(reply.body.orderId, orderId);
      assert.equal(reply.body.userId, customer.id);
      assert.deepEqual(reply.body.items.map(({ sku: itemSku, quantity }) => ({ sku: itemSku, quantity })), [{ sku, quantity: 1 }]);
    });

    it('answers 404 for another user\'s order', async () => {
      const someoneElse = await newCustomer('other');
      assertErrorReply(await call('GET', `/api/v1/orders/${orderId}`, { token: someoneElse.token }), 404, 'Not Found', 'ORDER.NOT_FOUND');
    });

    it('answers 404 for an unknown or malformed id', async () => {
      assertErrorReply(await call('GET', `/api/v1/orders/${randomUUID()}`, { token: customer.token }), 404, 'Not Found', 'ORDER.NOT_FOUND');
      assertErrorReply(await call('GET', '/api/v1/orders/not-an-order-id', { token: customer.token }), 404, 'Not Found', 'ORDER.NOT_FOUND');
    });

    it('answers 401 without a token', async () => {
      assertErrorReply(await call('GET', `/api/v1/orders/${orderId}`), 401, 'Unauthorized', 'AUTH.UNAUTHENTICATED');
    });
  });

  describe('GET /api/v1/orders', () => {
    it('lists only the caller\'s orders, newest first, in the shape of GET /orders/:id', async () => {
      const owner = await newCustomer('list');
      const placed: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        placed.push((await call<{ orderId: string }>('POST', '/api/v1/orders', { token: owner.token, body: orderBody() })).body.orderId);
      }
      const reply = await call<Order[]>('GET', '/api/v1/orders', { token: owner.token });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body.map((order) => order.orderId), [...placed].reverse());
      for (const order of reply.body) {
        assertOrderShape(order);
        assert.equal(order.userId, owner.id);
      }
    });

    it('pages with limit, announcing the next page in Link and X-Next-Cursor', async () => {
      const owner = await newCustomer('pages');
      for (let index = 0; index < 3; index += 1) await call('POST', '/api/v1/orders', { token: owner.token, body: orderBody() });

      const first = await call<Order[]>('GET', '/api/v1/orders?limit=2', { token: owner.token });
      assert.equal(first.status, 200);
      assert.equal(first.body.length, 2);
      const cursor = first.headers.get('x-next-cursor');
      assert.ok(cursor, 'X-Next-Cursor on a page that is not the last');
      assert.equal(first.headers.get('link'), `</api/v1/orders?limit=2&cursor=${encodeURIComponent(cursor)}>; rel="next"`);

      const second = await call<Order[]>('GET', `/api/v1/orders?limit=2&cursor=${encodeURIComponent(cursor)}`, { token: owner.token });
      assert.equal(second.body.length, 1);
      assert.equal(second.headers.get('link'), null);
      assert.equal(new Set([...first.body, ...second.body].map((order) => order.orderId)).size, 3);
    });

    it('answers 400 for a limit outside 1..100', async () => {
      assertErrorReply(await call('GET', '/api/v1/orders?limit=0', { token: customer.token }), 400, 'Bad Request');
      assertErrorReply(await call('GET', '/api/v1/orders?limit=101', { token: customer.token }), 400, 'Bad Request');
    });
  });
});
