import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { CodedError, defineErrors, serviceErrorClass } from './coded-error.js';
import { InvalidRequestError, parseRequest } from './parse-request.js';

const SHOP_ERRORS = defineErrors({ 'SHOP.CLOSED': 'FAILED_PRECONDITION', 'SHOP.NOT_FOUND': 'NOT_FOUND' });
class ShopError extends serviceErrorClass(SHOP_ERRORS) {}

describe('coded errors', () => {
  it('carry their code, the kind their catalog gives it, the message and the class name', () => {
    const error = new ShopError('SHOP.CLOSED', 'closed on Sundays');
    assert.equal(error.code, 'SHOP.CLOSED');
    assert.equal(error.kind, 'FAILED_PRECONDITION');
    assert.equal(error.message, 'SHOP.CLOSED: closed on Sundays');
    assert.equal(error.name, 'ShopError');
    assert.equal(error.detail, 'closed on Sundays');
    assert.ok(error instanceof CodedError);
    assert.ok(!(new Error('plain') instanceof CodedError));
  });

  it('make their message in the style of their service: CODE: detail, the code alone, or the detail alone', () => {
    assert.equal(new ShopError('SHOP.NOT_FOUND').message, 'SHOP.NOT_FOUND');
    class Terse extends serviceErrorClass(SHOP_ERRORS, 'code') {}
    assert.equal(new Terse('SHOP.NOT_FOUND', 'no shop 42').message, 'SHOP.NOT_FOUND');
    assert.equal(new Terse('SHOP.NOT_FOUND', 'no shop 42').detail, 'no shop 42');
    class Plain extends serviceErrorClass(SHOP_ERRORS, 'detail') {}
    assert.equal(new Plain('SHOP.CLOSED', 'closed on Sundays').message, 'closed on Sundays');
  });

  it('refuse a code that is not in the catalog, even past the type checker', () => {
    assert.throws(() => new ShopError('SHOP.GONE' as 'SHOP.CLOSED', 'x'), /not in its service's catalog/);
  });

  it('refuse a catalog whose code is not SERVICE.WHAT in capitals', () => {
    assert.throws(() => defineErrors({ 'shop.closed': 'NOT_FOUND' }), /SERVICE\.WHAT/);
    assert.throws(() => defineErrors({ CLOSED: 'NOT_FOUND' }), /SERVICE\.WHAT/);
  });
});

describe('parseRequest', () => {
  const schema = z.object({ orderId: z.uuid('must be a UUID'), items: z.array(z.object({ quantity: z.int().min(1, 'must be at least 1') })) });

  it('answers the parsed request', () => {
    const request = { orderId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', items: [{ quantity: 2 }] };
    assert.deepEqual(parseRequest(schema, request), request);
  });

  it('refuses with REQUEST.INVALID, naming each field at fault as the .proto spells it', () => {
    assert.throws(
      () => parseRequest(schema, { orderId: 'nope', items: [{ quantity: 0 }] }),
      (error: unknown) =>
        error instanceof InvalidRequestError &&
        error.code === 'REQUEST.INVALID' &&
        error.kind === 'INVALID_ARGUMENT' &&
        error.message === 'order_id must be a UUID; items.0.quantity must be at least 1',
    );
  });

  it('names the request itself when it is not even an object', () => {
    assert.throws(() => parseRequest(schema, null), /^InvalidRequestError: request /);
  });
});
