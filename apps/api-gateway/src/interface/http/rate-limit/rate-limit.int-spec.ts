import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { signAccessToken } from '../../../testing/access-tokens.fixture.js';
import { type FakeStack, startFakeStack } from '../../../testing/fake-stack.fixture.js';

const LIMIT = 3;

describe('rate limiting at the gateway, counted in Redis', () => {
  let stack: FakeStack;

  before(async () => (stack = await startFakeStack({ RATE_LIMIT_MAX: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000' })));
  after(() => stack.stop());

  const notificationsAs = (token: string) => fetch(`${stack.gateway.url}/api/v1/notifications`, { headers: { authorization: `Bearer ${token}` } });

  it(`answers request ${LIMIT + 1} of a window with 429, the standard error body and Retry-After`, async () => {
    const token = signAccessToken(stack.keys);
    for (let request = 1; request <= LIMIT; request += 1) assert.equal((await notificationsAs(token)).status, 200, `request ${request}`);

    const refused = await notificationsAs(token);
    assert.equal(refused.status, 429);
    assert.deepEqual(await refused.json(), {
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'RATE_LIMITED',
      message: 'too many requests, retry after the number of seconds in Retry-After',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${refused.headers.get('retry-after')}`);
  });

  it('counts a signed-in customer by user id, whichever of their tokens they use', async () => {
    const userId = randomUUID();
    for (let request = 1; request <= LIMIT; request += 1) {
      assert.equal((await notificationsAs(signAccessToken(stack.keys, { userId }))).status, 200, `request ${request}`);
    }
    assert.equal((await notificationsAs(signAccessToken(stack.keys, { userId }))).status, 429);
  });

  it('gives every customer a budget of their own', async () => {
    const exhausted = randomUUID();
    for (let request = 0; request <= LIMIT; request += 1) await notificationsAs(signAccessToken(stack.keys, { userId: exhausted }));
    assert.equal((await notificationsAs(signAccessToken(stack.keys, { userId: exhausted }))).status, 429);
    assert.equal((await notificationsAs(signAccessToken(stack.keys))).status, 200);
  });

  it('counts anonymous requests by client IP, apart from signed-in customers', async () => {
    stack.inventory.products = [];
    for (let request = 1; request <= LIMIT; request += 1) assert.equal((await fetch(`${stack.gateway.url}/api/v1/products`)).status, 200, `request ${request}`);
    const refused = await fetch(`${stack.gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'whatever1' }),
    });
    assert.equal(refused.status, 429, 'the budget is per client, shared by every route');
    assert.equal((await notificationsAs(signAccessToken(stack.keys))).status, 200);
  });

  it('keeps its counters in Redis, under the gateway\'s key prefix', async () => {
    const counters = await stack.gateway.redis.client.keys(`*${stack.gateway.config.REDIS_KEY_PREFIX}rate-limit:default:*`);
    assert.ok(counters.some((key) => key.includes('rate-limit:default:ip:')), counters.join(', '));
    assert.ok(counters.some((key) => key.includes('rate-limit:default:user:')), counters.join(', '));
  });
});
