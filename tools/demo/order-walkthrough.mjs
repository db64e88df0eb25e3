// The demo's story: one customer places one order of each outcome through the public API, and
// each saga's timeline and trace are printed as the services recorded them.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apps } from '../../libs/topology/src/topology.mjs';
import { call as callGateway, finalOrder, newCustomer } from '../gateway-api.mjs';
const traceFolder = new URL('../../.local/traces/', import.meta.url).pathname;
// The built lib, loaded when first needed, after the demo's build: it skips a line an app is still writing.
const traceReader = () => import('../../libs/observability/dist/telemetry/index.js');

const printCall = (method, path, answer) => console.log(`  ${method} /api/v1${path} → ${answer.status}`);
const call = (method, path, options = {}) => callGateway(method, path, { ...options, onAnswer: printCall });

function printTimeline(title, order, traceId, spans) {
  const start = Date.parse(order.createdAt);
  console.log(`\n■ ${title}: order ${order.orderId} is ${order.status}${order.failureReason ? ` (${order.failureReason})` : ''}, total ${(order.totalCents / 100).toFixed(2)} ${order.currency}`);
  for (const entry of order.saga) {
    console.log(`    +${String(Date.parse(entry.at) - start).padStart(5)} ms  ${entry.step.padEnd(20)} ${entry.status}`);
  }
  const services = [...new Set(spans.map((span) => span.service))];
  console.log(`    trace ${traceId ?? '(none)'}: ${spans.length} spans so far in ${services.join(', ') || 'no service yet'}`);
}

/** Places one order of each outcome and prints what happened; returns false if an outcome differs. */
export async function runOrderWalkthrough() {
  console.log('\n▶ a customer registers and logs in');
  const customer = await newCustomer('demo', { onAnswer: printCall });
  console.log('\n▶ the catalog');
  const { body: products } = await call('GET', '/products');
  const plenty = [...products].sort((a, b) => b.available - a.available)[0];
  const scarce = [...products].sort((a, b) => a.available - b.available)[0];
  console.log(`  ${products.length} products; plenty of ${plenty.sku} (${plenty.available}), few of ${scarce.sku} (${scarce.available})`);

  const scenarios = [
    { title: 'card accepted', items: [{ sku: plenty.sku, quantity: 2 }], paymentToken: 'pm_card_ok', expected: 'CONFIRMED' },
    { title: 'card declined', items: [{ sku: plenty.sku, quantity: 1 }], paymentToken: 'pm_card_declined', expected: 'CANCELLED' },
    { title: 'card gateway too slow', items: [{ sku: plenty.sku, quantity: 1 }], paymentToken: 'pm_card_slow', expected: 'CANCELLED' },
    { title: 'not enough stock', items: [{ sku: scarce.sku, quantity: Math.min(scarce.available + 1, 1000) }], paymentToken: 'pm_card_ok', expected: 'REJECTED' },
  ];
  let allAsExpected = true;
  for (const scenario of scenarios) {
    console.log(`\n▶ order: ${scenario.title}`);
    const placed = await call('POST', '/orders', { token: customer.token, body: { items: scenario.items, paymentToken: scenario.paymentToken }, headers: { 'idempotency-key': randomUUID() } });
    if (placed.status !== 202) throw new Error(`the order was refused: ${JSON.stringify(placed.body)}`);
    const order = await finalOrder(customer.token, placed.body.orderId);
    scenario.result = { order, traceId: placed.traceId };
    allAsExpected &&= order.status === scenario.expected;
  }
  // The notification service and the span exporters (one write a second) finish just after the sagas.
  await sleep(2500);
  const { body: notifications } = await call('GET', '/notifications', { token: customer.token });
  const { readTraceFile, spansOfTrace } = await traceReader();
  const allSpans = readTraceFile(apps.map((app) => join(traceFolder, `${app.name}.jsonl`)));
  for (const { title, result } of scenarios) printTimeline(title, result.order, result.traceId, result.traceId ? spansOfTrace(allSpans, result.traceId) : []);
  console.log(`\n■ notifications for ${customer.email}:`);
  for (const notification of notifications) console.log(`    ${notification.type.padEnd(16)} order ${notification.orderId} ${notification.channel} ${notification.status}`);
  return allAsExpected;
}
