import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideIdempotency } from './idempotency-decision.js';

const body = 'a'.repeat(64);
const otherBody = 'b'.repeat(64);

describe('deciding what to do with an Idempotency-Key', () => {
  it('places the order when the key was free (the claim just succeeded)', () => {
    assert.deepEqual(decideIdempotency(null, body), { action: 'place' });
  });

  it('answers with the first order when the same body already placed one', () => {
    assert.deepEqual(decideIdempotency({ fingerprint: body, orderId: 'order-1' }, body), { action: 'replay', orderId: 'order-1' });
  });

  it('refuses the key for a different body, whether or not the first request finished', () => {
    assert.deepEqual(decideIdempotency({ fingerprint: body, orderId: 'order-1' }, otherBody), { action: 'conflict' });
    assert.deepEqual(decideIdempotency({ fingerprint: body, orderId: null }, otherBody), { action: 'conflict' });
  });

  it('forwards the same body again while the first request is in flight, for the order service to deduplicate', () => {
    assert.deepEqual(decideIdempotency({ fingerprint: body, orderId: null }, body), { action: 'join' });
  });
});
