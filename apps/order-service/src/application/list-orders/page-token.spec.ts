import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderError } from '../../domain/order/order.errors.js';
import { decodePageToken, encodePageToken } from './page-token.js';

describe('page tokens', () => {
  it('give back the position they were made from', () => {
    const position = { createdAt: new Date('2026-01-02T03:04:05.678Z'), orderId: '0196f2a1-7c3e-7d21-9a4b-5c6d7e8f9a0b' };
    assert.deepEqual(decodePageToken(encodePageToken(position)), position);
  });

  it('are opaque: no readable id or date in the token', () => {
    const token = encodePageToken({ createdAt: new Date('2026-01-02T03:04:05.678Z'), orderId: '0196f2a1-7c3e-7d21-9a4b-5c6d7e8f9a0b' });
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.equal(token.includes('2026'), false);
  });

  for (const [what, token] of [
    ['not base64 JSON', 'not-a-token'],
    ['JSON of another shape', Buffer.from('{"page":2}').toString('base64url')],
    ['a position with an id that is not a UUID', Buffer.from('{"c":"2026-01-02T03:04:05.678Z","i":"1; DROP TABLE"}').toString('base64url')],
  ]) {
    it(`refuses a token that is ${what}`, () => {
      assert.throws(() => decodePageToken(token as string), (error: unknown) => error instanceof OrderError && error.code === 'ORDER.INVALID_PAGE_TOKEN');
    });
  }
});
