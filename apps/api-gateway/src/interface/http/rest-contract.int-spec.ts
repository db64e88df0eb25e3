// Telemetry first, as in main.ts, so requests have a trace whose id the gateway can hand back.
import '../../testing/test-telemetry.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notificationV1, orderV1, revokedTokenKey } from '@shop/contracts';
import { GrpcStatus } from '@shop/resilience';
import { randomUUID } from 'node:crypto';
import { type KeyPair, generateSigningKeys, signAccessToken } from '../../testing/access-tokens.fixture.js';
import { type FakeStack, startFakeStack } from '../../testing/fake-stack.fixture.js';

// The REST contract of issue 4, checked in-process against stand-ins of the four services; the
// end-to-end suite (apps/system-e2e/src/api) checks the same contract on the running stack.

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

describe('the REST contract at the gateway', () => {
  let stack: FakeStack;
  let call: (method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }) => Promise<Reply>;

  before(async () => {
    stack = await startFakeStack();
    call = async (method, path, options = {}) => {
      const response = await fetch(`${stack.gateway.url}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
    };
  });
  after(() => stack.stop());

  const errorOf = (status: number, error: string) => (reply: Reply) => {
    assert.equal(reply.status, status, JSON.stringify(reply.body));
    assert.deepEqual(Object.keys(reply.body as object).sort(), ['code', 'error', 'message', 'statusCode']);
    assert.equal((reply.body as { statusCode: number }).statusCode, status);
    assert.match((reply.body as { code: string }).code, /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/);
    assert.equal((reply.body as { error: string }).error, error);
    assert.equal(typeof (reply.body as { message: unknown }).message, 'string');
    return (reply.body as { message: string }).message;
  };

  describe('POST /api/v1/auth/register', () => {
    it('creates an account: 201 {id, email, name}', async () => {
      const reply = await call('POST', '/api/v1/auth/register', { body: { email: 'grace@example.com', password: 'correct horse', name: 'Grace' } });
      assert.equal(reply.status, 201);
      const user = stack.users.users.get('grace@example.com')!;
      assert.deepEqual(reply.body, { id: user.id, email: 'grace@example.com', name: 'Grace' });
      assert.equal(user.password, 'correct horse');
    });

    it('answers 409 when the email is taken', async () => {
      const body = { email: 'taken@example.com', password: 'correct horse', name: 'First' };
      await call('POST', '/api/v1/auth/register', { body });
      errorOf(409, 'Conflict')(await call('POST', '/api/v1/auth/register', { body }));
    });

    it('answers 400 for a malformed email or a password under 8 characters', async () => {
      const malformed = errorOf(400, 'Bad Request')(await call('POST', '/api/v1/auth/register', { body: { email: 'nope', password: 'correct horse', name: 'A' } }));
      assert.equal(malformed, 'email: must be a valid email address');
      const short = errorOf(400, 'Bad Request')(await call('POST', '/api/v1/auth/register', { body: { email: 'a@example.com', password: 'short', name: 'A' } }));
      assert.equal(short, 'password: must be at least 8 characters');
    });
  });

  describe('POST /api/v1/auth/login and /logout', () => {
    before(() => call('POST', '/api/v1/auth/register', { body: { email: 'ada@example.com', password: 'correct horse', name: 'Ada' } }));

    it('answers 200 {accessToken, tokenType: "Bearer", expiresIn} for the right password', async () => {
      stack.users.accessTokenFor = (user) => signAccessToken(stack.keys, { userId: user.id });
      const reply = await call('POST', '/api/v1/auth/login', { body: { email: 'ada@example.com', password: 'correct horse' } });
      assert.equal(reply.status, 200);
      const body = reply.body as { accessToken: string; tokenType: string; expiresIn: number };
      assert.deepEqual(Object.keys(body).sort(), ['accessToken', 'expiresIn', 'tokenType']);
      assert.equal(body.tokenType, 'Bearer');
      assert.equal(body.expiresIn, 900);
      assert.equal((await call('GET', '/api/v1/notifications', { token: body.accessToken })).status, 200, 'the token works');
    });

    it('answers 401 for a wrong password or an unknown email', async () => {
      errorOf(401, 'Unauthorized')(await call('POST', '/api/v1/auth/login', { body: { email: 'ada@example.com', password: 'wrong horse' } }));
      errorOf(401, 'Unauthorized')(await call('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'correct horse' } }));
    });

    it('revokes the token of the request on logout: 204', async () => {
      const token = signAccessToken(stack.keys);
      const reply = await call('POST', '/api/v1/auth/logout', { token });
      assert.equal(reply.status, 204);
      assert.equal(reply.body, undefined);
      assert.deepEqual(stack.users.revokedTokens.slice(-1), [token]);
    });

    it('answers 401 to a logout without a token', async () => {
      errorOf(401, 'Unauthorized')(await call('POST', '/api/v1/auth/logout'));
    });
  });

  describe('the access token', () => {
    const denied = async (token: string | undefined, headers: Record<string, string> = {}) =>
      errorOf(401, 'Unauthorized')(await call('GET', '/api/v1/orders', { token, headers }));

    it('is required', async () => {
      assert.match(await denied(undefined), /access token is required/);
      assert.match(await denied(undefined, { authorization: 'Basic YWRhOmhvcnNl' }), /access token is required/);
    });

    it('must be signed by user-service, for this API, and unexpired', async () => {
      const otherKeys: KeyPair = generateSigningKeys();
      for (const token of [
        'not.a.jwt',
        signAccessToken(otherKeys),
        signAccessToken(stack.keys, { expiresInSeconds: -5 }),
        signAccessToken(stack.keys, { audience: 'another-api' }),
        signAccessToken(stack.keys, { issuer: 'another-issuer' }),
      ]) {
        assert.equal(await denied(token), 'the access token is invalid or expired');
      }
    });

    it('is refused once it is on the denylist (logged out)', async () => {
      const jti = randomUUID();
      const token = signAccessToken(stack.keys, { jti });
      assert.equal((await call('GET', '/api/v1/orders', { token })).status, 200);
      await stack.gateway.redis.client.set(revokedTokenKey(jti), '1', 'EX', 60);
      assert.equal(await denied(token), 'the access token was revoked');
    });
  });

  describe('GET /api/v1/products', () => {
    it('answers [{sku, name, priceCents, currency, available}]', async () => {
      stack.inventory.products = [{ sku: 'SKU-1', name: 'Cable', priceCents: 999, currency: 'EUR', available: 3 }];
      const reply = await call('GET', '/api/v1/products');
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, [{ sku: 'SKU-1', name: 'Cable', priceCents: 999, currency: 'EUR', available: 3 }]);
    });
  });

  describe('POST /api/v1/orders', () => {
    const body = { items: [{ sku: 'SKU-1', quantity: 2 }], paymentToken: 'pm_card_ok' };

    it('answers 202 {orderId, status: "PENDING"} and places the order for the token\'s user', async () => {
      const userId = randomUUID();
      const reply = await call('POST', '/api/v1/orders', { token: signAccessToken(stack.keys, { userId }), body });
      assert.equal(reply.status, 202);
      const placed = stack.orders.orders[0]!;
      assert.deepEqual(reply.body, { orderId: placed.orderId, status: 'PENDING' });
      assert.equal(placed.userId, userId);
      assert.deepEqual(stack.orders.placeOrderCalls.at(-1), { userId, items: body.items, paymentToken: 'pm_card_ok', idempotencyKey: '' });
    });

    it('answers 401 without a token', async () => {
      errorOf(401, 'Unauthorized')(await call('POST', '/api/v1/orders', { body }));
    });

    it('answers 400 for an empty item list or a quantity of 0 or 1001, without asking the order service', async () => {
      const token = signAccessToken(stack.keys);
      const calls = stack.orders.placeOrderCalls.length;
      assert.equal(errorOf(400, 'Bad Request')(await call('POST', '/api/v1/orders', { token, body: { ...body, items: [] } })), 'items: must contain at least one item');
      for (const quantity of [0, 1001]) {
        const message = errorOf(400, 'Bad Request')(await call('POST', '/api/v1/orders', { token, body: { ...body, items: [{ sku: 'SKU-1', quantity }] } }));
        assert.equal(message, 'items.0.quantity: must be between 1 and 1000');
      }
      assert.equal(stack.orders.placeOrderCalls.length, calls);
    });

    it('answers 400 for an unknown SKU or payment token, as the order service says', async () => {
      const token = signAccessToken(stack.keys);
      const unknownSku = await call('POST', '/api/v1/orders', { token, body: { ...body, items: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] } });
      assert.equal(errorOf(400, 'Bad Request')(unknownSku), 'items: unknown SKU NO-SUCH-SKU');
      const unknownToken = await call('POST', '/api/v1/orders', { token, body: { ...body, paymentToken: 'pm_card_unknown' } });
      assert.equal(errorOf(400, 'Bad Request')(unknownToken), 'paymentToken: unknown payment token');
    });

    it('answers a retry with the same Idempotency-Key and body with the same order, and a different body with 409', async () => {
      const token = signAccessToken(stack.keys);
      const headers = { 'idempotency-key': randomUUID() };
      const first = await call('POST', '/api/v1/orders', { token, body, headers });
      const again = await call('POST', '/api/v1/orders', { token, body: { ...body, note: 'ignored' }, headers });
      assert.equal(first.status, 202);
      assert.equal(again.status, 202);
      assert.deepEqual(again.body, first.body);
      assert.equal(stack.orders.placeOrderCalls.at(-1)?.idempotencyKey, headers['idempotency-key']);
      errorOf(409, 'Conflict')(await call('POST', '/api/v1/orders', { token, body: { ...body, items: [{ sku: 'SKU-1', quantity: 3 }] }, headers }));
    });

    it('answers 400 for a malformed Idempotency-Key', async () => {
      const reply = await call('POST', '/api/v1/orders', { token: signAccessToken(stack.keys), body, headers: { 'idempotency-key': 'x'.repeat(300) } });
      assert.equal(errorOf(400, 'Bad Request')(reply), 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    });
  });

  describe('GET /api/v1/orders/:id and GET /api/v1/orders', () => {
    const userId = randomUUID();
    let token: string;
    const placed: string[] = [];

    before(async () => {
      token = signAccessToken(stack.keys, { userId });
      for (const quantity of [1, 2, 3]) {
        const reply = await call('POST', '/api/v1/orders', { token, body: { items: [{ sku: 'SKU-2', quantity }], paymentToken: 'pm_card_ok' } });
        placed.push((reply.body as { orderId: string }).orderId);
      }
    });

    it('answers an order with exactly the fields of the contract', async () => {
      const order = stack.orders.orders.find((candidate) => candidate.orderId === placed[0])!;
      Object.assign(order, {
        status: orderV1.OrderStatus.ORDER_STATUS_CANCELLED,
        failureReason: 'CARD_DECLINED',
        saga: [{ step: 'AUTHORIZE_PAYMENT', status: orderV1.SagaStepStatus.SAGA_STEP_STATUS_FAILED, at: order.createdAt }],
      });
      const reply = await call('GET', `/api/v1/orders/${placed[0]}`, { token });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, {
        orderId: placed[0],
        userId,
        status: 'CANCELLED',
        items: [{ sku: 'SKU-2', quantity: 1, unitPriceCents: 1250 }],
        totalCents: 1250,
        currency: 'EUR',
        failureReason: 'CARD_DECLINED',
        saga: [{ step: 'AUTHORIZE_PAYMENT', status: 'FAILED', at: order.createdAt }],
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
      });
    });

    it('answers failureReason null for an order that did not fail', async () => {
      assert.equal(((await call('GET', `/api/v1/orders/${placed[1]}`, { token })).body as { failureReason: unknown }).failureReason, null);
    });

    it('answers 404 for another user\'s order, an unknown id and a malformed id', async () => {
      errorOf(404, 'Not Found')(await call('GET', `/api/v1/orders/${placed[0]}`, { token: signAccessToken(stack.keys) }));
      errorOf(404, 'Not Found')(await call('GET', `/api/v1/orders/${randomUUID()}`, { token }));
      errorOf(404, 'Not Found')(await call('GET', '/api/v1/orders/not-an-id', { token }));
    });

    it('lists the caller\'s orders newest first, a page at a time, announcing the next page', async () => {
      const first = await call('GET', '/api/v1/orders?limit=2', { token });
      assert.equal(first.status, 200);
      assert.deepEqual((first.body as { orderId: string }[]).map((order) => order.orderId), [placed[2], placed[1]]);
      const cursor = first.headers.get('x-next-cursor');
      assert.ok(cursor);
      assert.equal(first.headers.get('link'), `</api/v1/orders?limit=2&cursor=${encodeURIComponent(cursor)}>; rel="next"`);

      const next = await call('GET', /<([^>]+)>/.exec(first.headers.get('link')!)![1]!, { token });
      assert.deepEqual((next.body as { orderId: string }[]).map((order) => order.orderId), [placed[0]]);
      assert.equal(next.headers.get('link'), null);
      assert.equal(next.headers.get('x-next-cursor'), null);
    });

    it('lists orders in the same shape as GET /orders/:id', async () => {
      const list = (await call('GET', '/api/v1/orders', { token })).body as object[];
      const one = (await call('GET', `/api/v1/orders/${placed[2]}`, { token })).body;
      assert.deepEqual(list[0], one);
    });

    it('answers 400 for a limit outside 1..100', async () => {
      errorOf(400, 'Bad Request')(await call('GET', '/api/v1/orders?limit=0', { token }));
      errorOf(400, 'Bad Request')(await call('GET', '/api/v1/orders?limit=101', { token }));
    });
  });

  describe('GET /api/v1/notifications', () => {
    it('answers the caller\'s notifications [{id, type, orderId, channel, status, createdAt}] with plain names', async () => {
      const userId = randomUUID();
      const notification: notificationV1.Notification = {
        id: 'n-1',
        type: notificationV1.NotificationType.NOTIFICATION_TYPE_ORDER_CONFIRMED,
        orderId: randomUUID(),
        channel: notificationV1.NotificationChannel.NOTIFICATION_CHANNEL_EMAIL,
        status: notificationV1.NotificationStatus.NOTIFICATION_STATUS_SENT,
        createdAt: '2026-01-01T10:00:00.000Z',
      };
      stack.notifications.notifications.set(userId, [notification]);
      const reply = await call('GET', '/api/v1/notifications', { token: signAccessToken(stack.keys, { userId }) });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, [
        { id: 'n-1', type: 'ORDER_CONFIRMED', orderId: notification.orderId, channel: 'EMAIL', status: 'SENT', createdAt: '2026-01-01T10:00:00.000Z' },
      ]);
    });

    it('answers 500 "internal error" without the detail when the service fails unexpectedly', async () => {
      stack.notifications.failure = { code: GrpcStatus.INTERNAL, message: 'MongoServerError: connection pool closed at /srv/app.js:12' };
      try {
        const message = errorOf(500, 'Internal Server Error')(await call('GET', '/api/v1/notifications', { token: signAccessToken(stack.keys) }));
        assert.equal(message, 'internal error');
      } finally {
        stack.notifications.failure = null;
      }
    });
  });

  describe('every response', () => {
    it('has the standard error body for an unknown route and for malformed JSON', async () => {
      errorOf(404, 'Not Found')(await call('GET', '/api/v1/nothing-here'));
      errorOf(400, 'Bad Request')(await call('POST', '/api/v1/auth/login', { body: '{"email": ' }));
    });

    it('carries the id of its trace in X-Trace-Id, errors included', async () => {
      for (const reply of [await call('GET', '/api/v1/products'), await call('GET', '/api/v1/orders'), await call('GET', '/nowhere')]) {
        assert.match(reply.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/, `status ${reply.status}`);
      }
    });
  });

  describe('the OpenAPI document', () => {
    it('is served at /docs-json and lists every route of the API', async () => {
      const reply = await call('GET', '/docs-json');
      assert.equal(reply.status, 200);
      const document = reply.body as { paths: Record<string, Record<string, unknown>> };
      const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
      assert.deepEqual(operations.sort(), [
        'GET /api/v1/notifications',
        'GET /api/v1/orders',
        'GET /api/v1/orders/{id}',
        'GET /api/v1/products',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/register',
        'POST /api/v1/orders',
      ]);
    });

    it('documents request bodies from the zod schemas that validate them', async () => {
      const document = (await call('GET', '/docs-json')).body as { components: { schemas: Record<string, { properties: Record<string, { minItems?: number }> }> } };
      const placeOrder = document.components.schemas.PlaceOrderRequestDto!;
      assert.deepEqual(Object.keys(placeOrder.properties).sort(), ['items', 'paymentToken']);
      assert.equal(placeOrder.properties.items!.minItems, 1);
    });

    it('is browsable with Swagger UI at /docs', async () => {
      const page = await fetch(`${stack.gateway.url}/docs`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger-ui/i);
      assert.equal((await fetch(`${stack.gateway.url}/docs/swagger-ui-bundle.js`)).status, 200);
    });
  });

  it('keeps /health/ready\'s report of its dependencies', async () => {
    const reply = await call('GET', '/health/ready');
    assert.equal(reply.status, 200);
    assert.deepEqual((reply.body as { details: unknown }).details, { redis: { status: 'up' } });
  });
});
