import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeValidationIssues } from '../validation/validation-messages.js';
import { placeOrderRequestSchema } from './place-order.dto.js';

/** The message a 400 carries for `body`, or null when the body is valid. */
function refusalOf(body: unknown): string | null {
  const result = placeOrderRequestSchema.safeParse(body);
  return result.success ? null : describeValidationIssues(result.error);
}

const valid = { items: [{ sku: 'SKU-1', quantity: 2 }], paymentToken: 'pm_card_ok' };

describe('validating an order body', () => {
  it('accepts one to a thousand units of each SKU', () => {
    assert.equal(refusalOf(valid), null);
    assert.equal(refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: 1 }, { sku: 'SKU-2', quantity: 1000 }] }), null);
  });

  it('refuses an empty item list', () => {
    assert.equal(refusalOf({ ...valid, items: [] }), 'items: must contain at least one item');
  });

  it('refuses a quantity of 0, of 1001, or a fraction, naming the line', () => {
    assert.equal(refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: 0 }] }), 'items.0.quantity: must be between 1 and 1000');
    assert.equal(refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: 1001 }] }), 'items.0.quantity: must be between 1 and 1000');
    assert.equal(refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: 1.5 }] }), 'items.0.quantity: must be a whole number');
    assert.equal(refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: '2' }] }), 'items.0.quantity: must be a number');
  });

  it('refuses a SKU listed twice', () => {
    assert.equal(
      refusalOf({ ...valid, items: [{ sku: 'SKU-1', quantity: 1 }, { sku: 'SKU-1', quantity: 2 }] }),
      'items: must not repeat a SKU (SKU-1): add up the quantities instead',
    );
  });

  it('refuses a missing, empty or blank payment token', () => {
    assert.equal(refusalOf({ items: valid.items }), 'paymentToken: is required');
    assert.equal(refusalOf({ ...valid, paymentToken: '' }), 'paymentToken: must not be empty');
    assert.equal(refusalOf({ ...valid, paymentToken: '   ' }), 'paymentToken: must not be empty');
  });

  it('names every problem at once', () => {
    assert.equal(refusalOf({ items: [{ quantity: 0 }] }), 'items.0.sku: is required; items.0.quantity: must be between 1 and 1000; paymentToken: is required');
  });

  it('refuses a body that is not an object of items and a token', () => {
    assert.equal(refusalOf({ items: 'SKU-1', paymentToken: 'pm_card_ok' }), 'items: must be a list of {sku, quantity}');
    assert.match(refusalOf(null) ?? '', /.+/);
  });

  it('drops fields it does not know instead of refusing them', () => {
    assert.deepEqual(placeOrderRequestSchema.parse({ ...valid, coupon: 'FREE', items: [{ sku: 'SKU-1', quantity: 2, colour: 'red' }] }), valid);
  });
});
