import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequestError, parseRequest } from '@shop/errors';
import { listOrdersRequestSchema, placeOrderRequestSchema } from './order-requests.js';

const userId = '9d2b7c1a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const valid = { userId, items: [{ sku: 'MUG-1', quantity: 1 }], paymentToken: 'pm_card_ok', idempotencyKey: '' };

describe('gRPC requests', () => {
  it('reads an empty idempotency key as none', () => {
    assert.equal(parseRequest(placeOrderRequestSchema, valid).idempotencyKey, null);
    assert.equal(parseRequest(placeOrderRequestSchema, { ...valid, idempotencyKey: 'abc-123' }).idempotencyKey, 'abc-123');
  });

  it('accepts 50 lines of 1000 units each', () => {
    const items = Array.from({ length: 50 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1000 }));
    assert.equal(parseRequest(placeOrderRequestSchema, { ...valid, items }).items.length, 50);
  });

  it('accepts every test payment token of the card gateway', () => {
    for (const paymentToken of ['pm_card_ok', 'pm_card_declined', 'pm_card_slow']) {
      assert.equal(parseRequest(placeOrderRequestSchema, { ...valid, paymentToken }).paymentToken, paymentToken);
    }
  });

  it('names every problem of a request, with the field as the .proto spells it', () => {
    assert.throws(
      () => parseRequest(placeOrderRequestSchema, { ...valid, userId: 'x', paymentToken: '', idempotencyKey: 'has space' }),
      (error: unknown) =>
        error instanceof InvalidRequestError &&
        /user_id must be a UUID/.test(error.message) &&
        /payment_token must be a known payment token/.test(error.message) &&
        /idempotency_key must be printable ASCII without spaces/.test(error.message),
    );
  });

  it('pages 20 orders when no size is given and at most 100', () => {
    assert.equal(parseRequest(listOrdersRequestSchema, { userId, pageSize: 0, pageToken: '' }).pageSize, 20);
    assert.equal(parseRequest(listOrdersRequestSchema, { userId, pageSize: 5000, pageToken: '' }).pageSize, 100);
    assert.equal(parseRequest(listOrdersRequestSchema, { userId, pageSize: 7, pageToken: '' }).pageSize, 7);
    assert.equal(parseRequest(listOrdersRequestSchema, { userId, pageSize: 7, pageToken: '' }).pageToken, null);
  });

  it('refuses a negative page size', () => {
    assert.throws(() => parseRequest(listOrdersRequestSchema, { userId, pageSize: -1, pageToken: '' }), /page_size must not be negative/);
  });
});
