// `npm run bench:orders -- [--orders 200] [--concurrency 20] [--sku USB-C-CABLE-1M]`: places orders
// through the gateway of a running stack and prints how fast they are accepted (POST /orders → 202)
// and how long each saga takes to end (until GET /orders/:id is no longer PENDING).
// Numbers, not assertions: compare runs on the same machine, not against a threshold.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { call, finalOrder, newCustomer } from '../gateway-api.mjs';
import { isStackUp } from '../stack-probe.mjs';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    sku: { type: 'string', default: 'USB-C-CABLE-1M' },
  },
});
const orders = Number(values.orders);
const concurrency = Number(values.concurrency);

if (!(await isStackUp())) {
  console.error('✖ the stack is not running: start it with `npm run stack:up`');
  process.exit(1);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function describe(label, samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const format = (ms) => `${ms.toFixed(0)} ms`.padStart(8);
  console.log(`  ${label.padEnd(34)} p50 ${format(percentile(sorted, 50))}  p90 ${format(percentile(sorted, 90))}  p99 ${format(percentile(sorted, 99))}  max ${format(sorted.at(-1))}`);
}

// One customer per concurrent worker, so the per-client rate limit is not what is measured.
console.log(`▶ ${concurrency} customers register and log in`);
const tokens = await Promise.all(Array.from({ length: concurrency }, (_, index) => newCustomer(`bench-${index}`).then((customer) => customer.token)));

console.log(`▶ ${orders} orders of 1 × ${values.sku} with pm_card_ok, ${concurrency} at a time`);
const accepted = [];
const sagas = [];
const outcomes = {};
let next = 0;
const startedAt = performance.now();
await Promise.all(
  tokens.map(async (token) => {
    while (next < orders) {
      next += 1;
      const sentAt = performance.now();
      const placed = await call('POST', '/orders', { token, body: { items: [{ sku: values.sku, quantity: 1 }], paymentToken: 'pm_card_ok' }, headers: { 'idempotency-key': randomUUID() } });
      accepted.push(performance.now() - sentAt);
      if (placed.status !== 202) {
        outcomes[`HTTP ${placed.status}`] = (outcomes[`HTTP ${placed.status}`] ?? 0) + 1;
        continue;
      }
      const { status } = await finalOrder(token, placed.body.orderId, { timeoutMs: 10 * 60_000 });
      sagas.push(performance.now() - sentAt);
      outcomes[status] = (outcomes[status] ?? 0) + 1;
      const done = Object.values(outcomes).reduce((sum, count) => sum + count, 0);
      if (done % 50 === 0) process.stdout.write(`  ${done}/${orders}\n`);
    }
  }),
);
const seconds = (performance.now() - startedAt) / 1000;

console.log(`\n${orders} orders in ${seconds.toFixed(1)} s: ${(orders / seconds).toFixed(1)} orders/s end to end`);
describe('POST /orders answered (202)', accepted);
if (sagas.length > 0) describe('placed until the saga ended', sagas);
console.log(`  outcomes: ${Object.entries(outcomes).map(([status, count]) => `${status} ${count}`).join(', ')}`);
