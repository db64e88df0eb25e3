import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it('writes 1999 euro cents as €19.99', () => {
    assert.equal(formatMoney(1999, 'EUR'), '€19.99');
  });

  it('keeps leading zeros of the cents', () => {
    assert.equal(formatMoney(5, 'USD'), '$0.05');
    assert.equal(formatMoney(100, 'GBP'), '£1.00');
    assert.equal(formatMoney(0, 'EUR'), '€0.00');
  });

  it('groups thousands and stays exact beyond what a float of the amount in euros could hold', () => {
    assert.equal(formatMoney(123456789, 'EUR'), '€1,234,567.89');
    assert.equal(formatMoney(9007199254740991, 'EUR'), '€90,071,992,547,409.91');
  });

  it('reads the minor units of currencies without cents as whole units', () => {
    assert.equal(formatMoney(1999, 'JPY'), '¥1,999');
  });

  it('uses the code for a currency that has no symbol', () => {
    assert.equal(formatMoney(1999, 'XYZ').replace(/\s/g, ' '), 'XYZ 19.99');
  });

  it('refuses an amount that is not a whole number of minor units', () => {
    assert.throws(() => formatMoney(19.99, 'EUR'), RangeError);
  });
});
