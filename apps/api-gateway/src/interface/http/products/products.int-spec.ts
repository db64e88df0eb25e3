import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeStack, startFakeStack } from '../../../testing/fake-stack.fixture.js';
import { startGateway } from '../../../testing/gateway.fixture.js';

const cable = { sku: 'USB-C-CABLE-1M', name: 'USB-C cable, 1 m', priceCents: 999, currency: 'EUR', available: 120 };
const mouse = { sku: 'MOUSE-WIRELESS', name: 'Wireless mouse', priceCents: 2499, currency: 'EUR', available: 7 };

describe('GET /api/v1/products while inventory comes and goes', () => {
  let stack: FakeStack;

  // A short deadline keeps the outage cases quick; retries still happen inside it.
  before(async () => (stack = await startFakeStack({ GRPC_DEADLINE_MS: '1500' })));
  after(() => stack.stop());

  it('answers the catalog from inventory, in cents, not marked stale', async () => {
    stack.inventory.products = [cable];
    const response = await fetch(`${stack.gateway.url}/api/v1/products`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), [cable]);
    assert.equal(response.headers.get('x-cache'), null);
    assert.equal(response.headers.get('warning'), null);
  });

  it('answers the last list inventory returned, marked stale, while inventory is down', async () => {
    stack.inventory.products = [cable, mouse];
    assert.equal((await fetch(`${stack.gateway.url}/api/v1/products`)).status, 200);
    await stack.inventoryServer.stop();

    const response = await fetch(`${stack.gateway.url}/api/v1/products`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), [cable, mouse]);
    assert.equal(response.headers.get('x-cache'), 'STALE');
    assert.equal(response.headers.get('warning'), '110 - "Response is Stale"');
  });

  it('answers 503 with the standard error body when inventory is down and nothing was ever cached', async () => {
    // A second gateway, with Redis keys of its own: it never saw a product list.
    const freshGateway = await startGateway({ ...gatewayEnvOf(stack), REDIS_KEY_PREFIX: `${stack.gateway.config.REDIS_KEY_PREFIX}other:` });
    try {
      const response = await fetch(`${freshGateway.url}/api/v1/products`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'CATALOG.UNAVAILABLE',
        message: 'the product catalog is unavailable, try again later',
      });
    } finally {
      await freshGateway.close();
    }
  });
});

function gatewayEnvOf(stack: FakeStack): Record<string, string> {
  const { config } = stack.gateway;
  return {
    USER_GRPC_URL: config.USER_GRPC_URL,
    ORDER_GRPC_URL: config.ORDER_GRPC_URL,
    INVENTORY_GRPC_URL: config.INVENTORY_GRPC_URL,
    NOTIFICATION_GRPC_URL: config.NOTIFICATION_GRPC_URL,
    JWT_PUBLIC_KEY: config.JWT_PUBLIC_KEY,
    GRPC_DEADLINE_MS: String(config.GRPC_DEADLINE_MS),
  };
}
