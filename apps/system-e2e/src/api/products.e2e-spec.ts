import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call } from '@shop/testing/system';

interface Product {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  available: number;
}

describe('GET /api/v1/products on the running stack', () => {
  it('answers 200 with the catalog as [{sku, name, priceCents, currency, available}], money in integer cents', async () => {
    const reply = await call<Product[]>('GET', '/api/v1/products');
    assert.equal(reply.status, 200);
    assert.ok(Array.isArray(reply.body) && reply.body.length > 0, 'the seeded catalog is not empty');
    for (const product of reply.body) {
      assert.deepEqual(Object.keys(product).sort(), ['available', 'currency', 'name', 'priceCents', 'sku'], JSON.stringify(product));
      assert.equal(typeof product.sku, 'string');
      assert.equal(typeof product.name, 'string');
      assert.ok(Number.isInteger(product.priceCents) && product.priceCents >= 0, `${product.sku}: priceCents ${product.priceCents}`);
      assert.match(product.currency, /^[A-Z]{3}$/);
      assert.ok(Number.isInteger(product.available) && product.available >= 0, `${product.sku}: available ${product.available}`);
    }
  });

  it('lists each SKU once', async () => {
    const { body } = await call<Product[]>('GET', '/api/v1/products');
    assert.equal(new Set(body.map((product) => product.sku)).size, body.length);
  });
});
