import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { CodedError, defineErrors, isCodedError } from './coded-error.js';
import { InvalidRequestError, parseRequest } from './parse-request.js';

const SHOP_ERRORS = defineErrors({ 'SHOP.CLOSED': 'FAILED_PRECONDITION', 'SHOP.NOT_FOUND': 'NOT_FOUND' });
class ShopError extends CodedError<keyof typeof SHOP_ERRORS> {
  constructor(code: keyof typeof SHOP_ERRORS, detail: string) {
    super(code, SHOP_ERRORS[code], `${code}: ${detail}`);
  }
}

describe('coded errors', () => {
  it('carry their code, the kind their catalog gives it, the message and the class name', () => {
    const error = new ShopError('SHOP.CLOSED', 'closed on Sundays');
    assert.equal(error.code, 'SHOP.CLOSED');
    assert.equal(error.kind, 'FAILED_PRECONDITION');
    assert.equal(error.message, 'SHOP.CLOSED: closed on Sundays');
    assert.equal(error.name, 'ShopError');
    assert.ok(isCodedError(error));
    assert.ok(!isCodedError(new Error('plain')));
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
