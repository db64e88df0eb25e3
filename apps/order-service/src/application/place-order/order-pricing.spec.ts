import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OrderError } from '../../domain/order/order.errors.js';
import { priceLines } from './order-pricing.js';

const catalog = {
  products: [
    { sku: 'MUG-1', priceCents: 1250, currency: 'EUR' },
    { sku: 'TEE-1', priceCents: 1999, currency: 'EUR' },
    { sku: 'CAP-US', priceCents: 900, currency: 'USD' },
  ],
  unknownSkus: [],
};

describe('pricing an order from the catalog', () => {
  it('prices each line at the catalog price and adds up the total in cents', () => {
    const priced = priceLines([{ sku: 'MUG-1', quantity: 3 }, { sku: 'TEE-1', quantity: 1 }], catalog);
    assert.deepEqual(priced, {
      items: [
        { sku: 'MUG-1', quantity: 3, unitPriceCents: 1250 },
        { sku: 'TEE-1', quantity: 1, unitPriceCents: 1999 },
      ],
      totalCents: 5749,
      currency: 'EUR',
    });
  });

  it('names every SKU the catalog does not know, whether it said so or left it out', () => {
    assert.throws(
      () => priceLines([{ sku: 'MUG-1', quantity: 1 }, { sku: 'GONE-1', quantity: 1 }, { sku: 'GONE-2', quantity: 1 }], { ...catalog, unknownSkus: ['GONE-1'] }),
      (error: unknown) => error instanceof OrderError && error.code === 'ORDER.UNKNOWN_SKUS' && error.detail === 'unknown SKUs: GONE-1, GONE-2',
    );
  });

  it('refuses lines priced in different currencies', () => {
    assert.throws(
      () => priceLines([{ sku: 'MUG-1', quantity: 1 }, { sku: 'CAP-US', quantity: 1 }], catalog),
      (error: unknown) => error instanceof OrderError && error.code === 'ORDER.MIXED_CURRENCIES',
    );
  });
});
