import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintOf } from './request-fingerprint.js';

const body = { items: [{ sku: 'SKU-1', quantity: 2 }, { sku: 'SKU-2', quantity: 1 }], paymentToken: 'pm_card_ok' };

describe('the fingerprint of an order body', () => {
  it('is a sha256 in hex', () => {
    assert.match(fingerprintOf(body), /^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of the lines or of the keys', () => {
    assert.equal(fingerprintOf(body), fingerprintOf({ paymentToken: 'pm_card_ok', items: [{ quantity: 1, sku: 'SKU-2' }, { sku: 'SKU-1', quantity: 2 }] }));
  });

  it('changes with a quantity, a SKU or the payment token', () => {
    const original = fingerprintOf(body);
    assert.notEqual(fingerprintOf({ ...body, items: [{ sku: 'SKU-1', quantity: 3 }, { sku: 'SKU-2', quantity: 1 }] }), original);
    assert.notEqual(fingerprintOf({ ...body, items: [{ sku: 'SKU-1', quantity: 2 }, { sku: 'SKU-3', quantity: 1 }] }), original);
    assert.notEqual(fingerprintOf({ ...body, paymentToken: 'pm_card_declined' }), original);
  });
});
