import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertErrorReply, call, gatewayUrl } from './gateway-client.js';

describe('the gateway\'s errors, trace ids and API document on the running stack', () => {
  it('answers an unknown route with 404 and the standard error body', async () => {
    assertErrorReply(await call('GET', '/api/v1/no-such-route'), 404, 'Not Found');
    assertErrorReply(await call('DELETE', '/api/v1/products'), 404, 'Not Found');
  });

  it('answers a malformed JSON body with 400 and the standard error body', async () => {
    assertErrorReply(await call('POST', '/api/v1/auth/login', { body: '{"email": "ada@example.com",' }), 400, 'Bad Request');
  });

  it('names the trace of every request in X-Trace-Id, errors included', async () => {
    for (const reply of [await call('GET', '/api/v1/products'), await call('GET', '/api/v1/orders'), await call('GET', '/api/v1/no-such-route')]) {
      assert.match(reply.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/, `status ${reply.status}`);
    }
  });

  it('serves the OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const document = await call<{ openapi: string; paths: Record<string, object> }>('GET', '/docs-json');
    assert.equal(document.status, 200);
    assert.match(document.body.openapi, /^3\./);
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/products', '/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/notifications']) {
      assert.ok(path in document.body.paths, `${path} is documented`);
    }
    const ui = await fetch(`${await gatewayUrl()}/docs`);
    assert.equal(ui.status, 200);
    assert.match(await ui.text(), /swagger-ui/i);
  });
});
