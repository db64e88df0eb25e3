// What the load is made of: customers (registered and logged in before the clock starts: a
// registration hashes a password with scrypt, slowly on purpose), a product of the benchmark's
// own with a known stock, and one POST /api/v1/orders per arrival.
//
// The gateway limits each client to RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS (1000 per
// 10 s by default), a client being the user of the token. Orders go round-robin over the
// customers, so 10 customers allow 1000 orders/s before the limiter answers 429, far above what
// the stack sustains; a 429 would show in the outcomes.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { credentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GRPC_SERVICES, PROTO_ROOT, grpcLoaderOptions } from '@shop/contracts';
import { apiBase, call, sampledTraceparent } from '../gateway-api.mjs';
import { apps, host } from '../../libs/topology/src/topology.mjs';
import { TEST_SKU_PREFIX } from '../test/clean-test-data.mjs';

const POST_TIMEOUT_MS = 30_000;

// Access tokens live 15 minutes (user-service's JWT_TTL_SECONDS): log in again before that.
const TOKEN_REFRESH_MS = 10 * 60_000;

/**
 * `count` customers, registered and logged in a few at a time: `tokens` (refreshed in place) and
 * `refresh()`, which logs in again the customers whose token is getting old (call it between runs).
 */
export async function registerCustomers(count) {
  const customers = Array.from({ length: count }, (_, index) => ({
    email: `bench-${index}-${randomUUID().slice(0, 8)}@example.com`,
    password: `bench-${index}-${randomUUID()}`,
  }));
  const tokens = [];
  const logIn = async (customer, index) => {
    const login = await call('POST', '/auth/login', { body: { email: customer.email, password: customer.password } });
    if (login.status !== 200) throw new Error(`log-in of ${customer.email} failed (${login.status}): ${JSON.stringify(login.body)}`);
    tokens[index] = login.body.accessToken;
    customer.loggedInAt = Date.now();
  };
  for (let first = 0; first < count; first += 5) {
    await Promise.all(
      customers.slice(first, first + 5).map(async (customer, offset) => {
        const registered = await call('POST', '/auth/register', { body: { email: customer.email, password: customer.password, name: 'Benchmark customer' } });
        if (registered.status !== 201) throw new Error(`registration failed (${registered.status}): ${JSON.stringify(registered.body)}`);
        await logIn(customer, first + offset);
      }),
    );
  }
  return {
    tokens,
    async refresh() {
      for (const [index, customer] of customers.entries()) {
        if (Date.now() - customer.loggedInAt > TOKEN_REFRESH_MS) await logIn(customer, index);
      }
    },
  };
}

/**
 * A product only the benchmark orders, with `available` units, through inventory-service's
 * SetProductStock (an operator's call). Its SKU starts with E2E-, so the clean-up after `npm test`
 * removes it with its reservations.
 */
export async function createProduct(available) {
  const contract = GRPC_SERVICES.inventory;
  const definition = loadSync(contract.protoFile, { ...grpcLoaderOptions, includeDirs: [PROTO_ROOT] });
  let Service = loadPackageDefinition(definition);
  for (const part of `${contract.packageName}.${contract.serviceName}`.split('.')) Service = Service[part];
  const inventory = apps.find((app) => app.name === 'inventory-service');
  const client = new Service(`${host}:${inventory.grpcPort}`, credentials.createInsecure());
  const sku = `${TEST_SKU_PREFIX}BENCH-${randomBytes(4).toString('hex').toUpperCase()}`;
  try {
    return await new Promise((resolve, reject) =>
      client.setProductStock({ sku, name: `Benchmark product ${sku}`, priceCents: 999, currency: 'EUR', available }, (error, answer) =>
        error ? reject(new Error(`SetProductStock failed: ${error.message}`)) : resolve(answer.product),
      ),
    );
  } finally {
    client.close();
  }
}

/**
 * Places one order of 1 × `sku`, paid with the card that is always authorized, under a fresh
 * Idempotency-Key. Never throws: `{ status, orderId }`, or `{ error }` when no answer came.
 * `traceAll` asks for the order's trace (a sampled `traceparent`), whatever the services' ratio.
 */
export async function placeOrder(token, sku, { traceAll = false } = {}) {
  try {
    const response = await fetch(`${apiBase}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        ...(traceAll ? { traceparent: sampledTraceparent() } : {}),
      },
      body: JSON.stringify({ items: [{ sku, quantity: 1 }], paymentToken: 'pm_card_ok' }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    const text = await response.text();
    const answeredAt = performance.now();
    if (response.status !== 202) return { status: response.status, answeredAt };
    return { status: 202, orderId: JSON.parse(text).orderId, answeredAt };
  } catch (error) {
    return { error: error.name === 'TimeoutError' ? 'timeout' : (error.cause?.code ?? error.message), answeredAt: performance.now() };
  }
}
