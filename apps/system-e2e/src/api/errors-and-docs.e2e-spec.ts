import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertErrorReply, call, gatewayUrl } from '@shop/testing/system';

describe('the gateway\'s errors, trace ids and API document on the running stack', () => {
  it('answers an unknown route with 404 and the standard error body', async () => {
    assertErrorReply(await call('GET', '/api/v1/no-such-route'), 404, 'Not Found', 'NOT_FOUND');
    assertErrorReply(await call('DELETE', '/api/v1/products'), 404, 'Not Found', 'NOT_FOUND');
  });

  it('answers a malformed JSON body with 400 and the standard error body', async () => {
    assertErrorReply(await call('POST', '/api/v1/auth/login', { body: '{"email": "ada@example.com",' }), 400, 'Bad Request', 'REQUEST.INVALID');
  });

  it('names the trace of every request in X-Trace-Id, errors included', async () => {
    for (const reply of [await call('GET', '/api/v1/products'), await call('GET', '/api/v1/orders'), await call('GET', '/api/v1/no-such-route')]) {
      assert.match(reply.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/, `status ${reply.status}`);
    }
  });

  it('documents a required `code` in the body of every error response of the OpenAPI document', async () => {
    type Schema = { $ref?: string; required?: string[]; properties?: Record<string, { type?: string }> };
    type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;
    const document = await call<{ paths: Record<string, Record<string, { responses: Responses }>>; components: { schemas: Record<string, Schema> } }>('GET', '/docs-json');
    const resolve = (schema: Schema | undefined): Schema | undefined =>
      schema?.$ref ? document.body.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
    let errorResponses = 0;
    for (const [path, operations] of Object.entries(document.body.paths)) {
      for (const [method, { responses }] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) < 400) continue;
          errorResponses += 1;
          const schema = resolve(response.content?.['application/json']?.schema);
          assert.equal(schema?.properties?.code?.type, 'string', `${method.toUpperCase()} ${path} ${status}`);
          assert.ok(schema?.required?.includes('code'), `${method.toUpperCase()} ${path} ${status}: code is required`);
        }
      }
    }
    assert.ok(errorResponses > 10, `error responses documented: ${errorResponses}`);
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
