// The order saga end to end, through the gateway, on the running stack: what a customer sees,
// checked against what the services did (stock, payment, notification, trace).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { join } from 'node:path';
import { readTraceFile, spansOfTrace } from '@shop/observability/telemetry';
import { eventually, REPOSITORY_ROOT } from '@shop/testing';
import { finalOrder, inventoryService, newCustomer, notificationsOf, paymentService, placeOrder, type Customer } from '@shop/testing/system';
import { loadTopology } from '../topology.js';

const SAGA_SERVICES = ['api-gateway', 'order-service', 'inventory-service', 'payment-service', 'notification-service'];

describe('the order saga, through the gateway', async () => {
  const inventory = await inventoryService();
  const payments = await paymentService();
  const { apps } = await loadTopology();
  const traceFiles = apps.map((app) => join(REPOSITORY_ROOT, '.local', 'traces', `${app.name}.jsonl`));
  let customer: Customer;

  /** Calls the payment service's breaker refused while open, from its Prometheus counter. */
  async function rejectedByOpenCircuit(): Promise<number> {
    const payment = apps.find((app) => app.name === 'payment-service')!;
    const metrics = await (await fetch(`http://127.0.0.1:${payment.httpPort}/metrics`)).text();
    const line = metrics.split('\n').find((candidate) => candidate.startsWith('resilience_calls_total{') && candidate.includes('dependency="payment-gateway"') && candidate.includes('outcome="rejected_open"'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  before(async () => {
    customer = await newCustomer('saga');
  });

  it('confirms an order: stock reduced, one captured payment, one ORDER_CONFIRMED notification, one trace across five services', async () => {
    const product = await inventory.createProduct(100, 1999);
    const placed = await placeOrder(customer, [{ sku: product.sku, quantity: 3 }], 'pm_card_ok');
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    assert.equal(placed.body.status, 'PENDING');
    const traceId = placed.headers.get('x-trace-id');

    const order = await finalOrder(customer, placed.body.orderId);
    assert.equal(order.status, 'CONFIRMED', JSON.stringify(order));
    assert.equal(order.totalCents, 3 * 1999);
    assert.equal(order.failureReason, null);
    assert.deepEqual(order.items, [{ sku: product.sku, quantity: 3, unitPriceCents: 1999 }]);
    assert.equal((await inventory.product(product.sku)).available, 97);
    const payment = await payments.paymentOf(order.orderId);
    assert.equal(payment?.status, 'PAYMENT_STATUS_CAPTURED');
    assert.equal(payment?.amountCents, 3 * 1999);

    const notifications = await eventually('the confirmation to be recorded', async () => {
      const list = await notificationsOf(customer);
      return list.some((n) => n.orderId === order.orderId) && list;
    });
    const forOrder = notifications.filter((notification) => notification.orderId === order.orderId);
    assert.deepEqual(forOrder.map((notification) => notification.type), ['ORDER_CONFIRMED']);

    assert.match(traceId ?? '', /^[0-9a-f]{32}$/, 'the gateway names the trace of the request');
    // Each check reads every app's whole trace file, hence the slower pace.
    const services = await eventually('every service to export its spans of the order', () => {
      const seen = new Set(spansOfTrace(readTraceFile(traceFiles), traceId!).map((span) => span.service));
      return SAGA_SERVICES.every((service) => seen.has(service)) && seen;
    }, { intervalMs: 500 });
    assert.deepEqual([...services].filter((service) => SAGA_SERVICES.includes(service)).sort(), [...SAGA_SERVICES].sort());
  });

  it('cancels an order whose card is declined: stock back where it was, nothing captured, a cancellation notification', async () => {
    const product = await inventory.createProduct(20);
    const placed = await placeOrder(customer, [{ sku: product.sku, quantity: 2 }], 'pm_card_declined');
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const order = await finalOrder(customer, placed.body.orderId);
    assert.equal(order.status, 'CANCELLED');
    assert.equal(order.failureReason, 'CARD_DECLINED');
    await eventually('the reservation to be released', async () => (await inventory.product(product.sku)).available === 20);
    assert.notEqual((await payments.paymentOf(order.orderId))?.status, 'PAYMENT_STATUS_CAPTURED');
    const notifications = await eventually('the cancellation to be recorded', async () => {
      const list = await notificationsOf(customer);
      return list.some((n) => n.orderId === order.orderId) && list;
    });
    assert.deepEqual(notifications.filter((n) => n.orderId === order.orderId).map((n) => n.type), ['ORDER_CANCELLED']);
  });

  it('rejects an order for more than the stock, without attempting a payment', async () => {
    const product = await inventory.createProduct(5);
    const placed = await placeOrder(customer, [{ sku: product.sku, quantity: 6 }], 'pm_card_ok');
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const order = await finalOrder(customer, placed.body.orderId);
    assert.equal(order.status, 'REJECTED');
    assert.equal(order.failureReason, 'INSUFFICIENT_STOCK');
    assert.equal(await payments.paymentOf(order.orderId), undefined, 'no payment was attempted');
    assert.equal((await inventory.product(product.sku)).available, 5);
  });

  it('confirms exactly 10 of 50 concurrent orders for a product with stock 10 and rejects the rest; stock ends at 0', async () => {
    const product = await inventory.createProduct(10);
    const customers = await Promise.all(Array.from({ length: 5 }, (_, index) => newCustomer(`rush-${index}`)));
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, index) => {
        const buyer = customers[index % customers.length]!;
        return placeOrder(buyer, [{ sku: product.sku, quantity: 1 }], 'pm_card_ok').then((answer) => ({ buyer, answer }));
      }),
    );
    for (const { answer } of placed) assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const outcomes = await Promise.all(placed.map(({ buyer, answer }) => finalOrder(buyer, answer.body.orderId, 120_000)));
    const count = (status: string) => outcomes.filter((order) => order.status === status).length;
    assert.deepEqual({ confirmed: count('CONFIRMED'), rejected: count('REJECTED') }, { confirmed: 10, rejected: 40 });
    assert.equal((await inventory.product(product.sku)).available, 0);
  });

  // Last: the open breaker then declines every card for its cool-down.
  describe('a card gateway that answers too slowly', () => {
    it('cancels the order by the payment deadline, within a bounded time, and releases the stock', async () => {
      const product = await inventory.createProduct(10);
      const startedAt = Date.now();
      const placed = await placeOrder(customer, [{ sku: product.sku, quantity: 1 }], 'pm_card_slow');
      const order = await finalOrder(customer, placed.body.orderId, 30_000);
      assert.equal(order.status, 'CANCELLED');
      assert.equal(order.failureReason, 'GATEWAY_TIMEOUT');
      assert.ok(Date.now() - startedAt < 30_000);
      await eventually('the reservation to be released', async () => (await inventory.product(product.sku)).available === 10);
    });

    it('opens the payment breaker under repeated slow cards, and every saga still ends', async () => {
      const product = await inventory.createProduct(100);
      const rejectedBefore = await rejectedByOpenCircuit();
      const placed = await Promise.all(Array.from({ length: 8 }, () => placeOrder(customer, [{ sku: product.sku, quantity: 1 }], 'pm_card_slow')));
      const orders = await Promise.all(placed.map((answer) => finalOrder(customer, answer.body.orderId, 60_000)));
      assert.ok(orders.every((order) => order.status === 'CANCELLED'), JSON.stringify(orders.map((order) => order.status)));
      const reasons = new Set(orders.map((order) => order.failureReason));
      assert.ok(reasons.has('GATEWAY_UNAVAILABLE'), `the open breaker failed some payments fast: ${[...reasons].join(', ')}`);
      assert.ok((await rejectedByOpenCircuit()) > rejectedBefore, 'the payment-gateway circuit opened and refused calls');
      await eventually('all stock to be released', async () => (await inventory.product(product.sku)).available === 100);
    });
  });
});
