import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it, mock } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { Redis } from 'ioredis';
import { GetPricesQuery } from '../../application/get-prices/get-prices.query.js';
import { GetProductsQuery } from '../../application/get-products/get-products.query.js';
import { ListProductsQuery } from '../../application/list-products/list-products.query.js';
import { ReleaseStockHandler } from '../../application/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from '../../application/reserve-stock/reserve-stock.handler.js';
import { SetProductStockHandler } from '../../application/set-product-stock/set-product-stock.handler.js';
import type { Config } from '../../config.js';
import { CATALOG_CURRENCY, type Product } from '../../domain/product.js';
import { createInventoryDatabase, type InventoryDatabase } from '../../testing/inventory-database.js';
import { startInventory } from '../../testing/inventory-test-app.js';
import { deleteKeys, TEST_REDIS_URL, testConfig } from '../../testing/test-config.js';
import { ProductStore } from '../../application/ports/product.store.js';
import { RedisCatalogCache } from './catalog-cache.js';
import { TieredCache, type CacheLookupOutcome } from './tiered-cache.js';

describe('the catalog cache (PostgreSQL and Redis)', () => {
  let database: InventoryDatabase;
  let app: INestApplicationContext;
  let config: Config;
  let redis: Redis;
  let products: GetProductsQuery;

  before(async () => {
    database = await createInventoryDatabase('cache');
    config = testConfig(database.url);
    app = await startInventory(config);
    redis = new Redis(TEST_REDIS_URL);
    products = app.get(GetProductsQuery);
  });

  after(async () => {
    await deleteKeys(redis, config.CATALOG_CACHE_KEY_PREFIX);
    redis.disconnect();
    await app.close();
    await database.drop();
  });

  const productKey = (sku: string) => `${config.CATALOG_CACHE_KEY_PREFIX}product:${sku}`;
  const priceKey = (sku: string) => `${config.CATALOG_CACHE_KEY_PREFIX}price:${sku}`;
  const freshSku = () => `CACHE-${randomUUID().slice(0, 8).toUpperCase()}`;

  /** A product written straight to the database, so no cache knows it yet. */
  async function coldProduct(available: number): Promise<string> {
    const sku = freshSku();
    await database.prisma.product.create({ data: { sku, name: sku, priceCents: 100, currency: CATALOG_CURRENCY, available } });
    return sku;
  }

  async function availableThroughCache(sku: string): Promise<number | undefined> {
    return (await products.execute([sku])).products[0]?.available;
  }

  it('deletes a product\'s entry when a reservation changes its stock, so the next read sees the new stock', async () => {
    const sku = await coldProduct(10);
    assert.equal(await availableThroughCache(sku), 10);
    assert.equal(await redis.exists(productKey(sku)), 1, 'the read filled Redis');

    const outcome = await app.get(ReserveStockHandler).execute({ sagaId: randomUUID(), step: 'RESERVE_STOCK', orderId: randomUUID(), items: [{ sku, quantity: 3 }] });
    assert.equal(outcome.kind, 'RESERVED');
    assert.equal(await redis.exists(productKey(sku)), 0, 'the reservation deleted the entry after its commit');
    assert.equal(await availableThroughCache(sku), 7);
  });

  it('deletes the product and the product list when an operator sets the stock', async () => {
    const listing = app.get(ListProductsQuery);
    const sku = await coldProduct(1);
    assert.equal((await listing.execute()).find((product) => product.sku === sku)?.available, 1);
    assert.equal(await availableThroughCache(sku), 1);

    await app.get(SetProductStockHandler).execute({ sku, name: 'Restocked', priceCents: 150, currency: CATALOG_CURRENCY, available: 40 });
    assert.deepEqual((await products.execute([sku])).products, [{ sku, name: 'Restocked', priceCents: 150, currency: CATALOG_CURRENCY, available: 40 }]);
    assert.equal((await listing.execute()).find((product) => product.sku === sku)?.available, 40);
  });

  it('keeps a price cached through reservations and releases, so pricing a hot product does not read the database', async () => {
    const prices = app.get(GetPricesQuery);
    const sku = await coldProduct(10);
    assert.deepEqual(await prices.execute([sku]), { prices: [{ sku, priceCents: 100, currency: CATALOG_CURRENCY }], unknownSkus: [] });
    assert.deepEqual(JSON.parse((await redis.get(priceKey(sku))) ?? 'null'), { found: true, value: { sku, priceCents: 100, currency: CATALOG_CURRENCY } });

    const sagaId = randomUUID();
    const orderId = randomUUID();
    assert.equal((await app.get(ReserveStockHandler).execute({ sagaId, step: 'RESERVE_STOCK', orderId, items: [{ sku, quantity: 3 }] })).kind, 'RESERVED');
    assert.equal(await redis.exists(productKey(sku)), 0, 'the product entry went, its stock moved');
    assert.equal(await redis.exists(priceKey(sku)), 1, 'the price entry stayed');
    assert.equal(await availableThroughCache(sku), 7, 'the stock read sees the reservation');
    await app.get(ReleaseStockHandler).execute({ sagaId, step: 'RELEASE_STOCK', orderId });
    assert.equal(await redis.exists(productKey(sku)), 0, 'the release deleted the product entry again');
    assert.equal(await redis.exists(priceKey(sku)), 1, 'and left the price entry');

    const findBySku = mock.method(app.get(ProductStore), 'findBySku');
    try {
      assert.deepEqual((await prices.execute([sku])).prices, [{ sku, priceCents: 100, currency: CATALOG_CURRENCY }]);
      assert.equal(findBySku.mock.callCount(), 0, 'no database read after the reservation and the release');
    } finally {
      findBySku.mock.restore();
    }
    assert.equal(await availableThroughCache(sku), 10, 'while the stock read sees the release');
  });

  it('deletes a cached price when an operator sets the product, so the next order is priced at the new price', async () => {
    const prices = app.get(GetPricesQuery);
    const sku = await coldProduct(5);
    assert.equal((await prices.execute([sku])).prices[0]?.priceCents, 100);

    await app.get(SetProductStockHandler).execute({ sku, name: sku, priceCents: 250, currency: CATALOG_CURRENCY, available: 5 });
    assert.equal(await redis.exists(priceKey(sku)), 0, 'the write deleted the price entry after its commit');
    assert.deepEqual(await prices.execute([sku, 'NO-SUCH-SKU']), { prices: [{ sku, priceCents: 250, currency: CATALOG_CURRENCY }], unknownSkus: ['NO-SUCH-SKU'] });
  });

  it('forgets that a SKU was unknown once an operator creates it, so it can be ordered at once', async () => {
    const prices = app.get(GetPricesQuery);
    const sku = freshSku();
    assert.deepEqual(await prices.execute([sku]), { prices: [], unknownSkus: [sku] });

    await app.get(SetProductStockHandler).execute({ sku, name: sku, priceCents: 75, currency: CATALOG_CURRENCY, available: 1 });
    assert.deepEqual(await prices.execute([sku]), { prices: [{ sku, priceCents: 75, currency: CATALOG_CURRENCY }], unknownSkus: [] });
  });

  it('remembers an unknown SKU briefly in Redis, so lookups from any process stop reaching the database', async () => {
    const sku = freshSku();
    const findBySku = mock.method(app.get(ProductStore), 'findBySku');
    try {
      assert.deepEqual(await products.execute([sku]), { products: [], unknownSkus: [sku] });
      assert.deepEqual(await products.execute([sku]), { products: [], unknownSkus: [sku] });
      assert.equal(findBySku.mock.callCount(), 1);
    } finally {
      findBySku.mock.restore();
    }
    assert.deepEqual(JSON.parse((await redis.get(productKey(sku))) ?? 'null'), { found: false });
    const ttlMs = await redis.pttl(productKey(sku));
    assert.ok(ttlMs > 0 && ttlMs <= 33_000, `an unknown SKU is remembered for about 30 s, not ${ttlMs} ms`);

    // Another replica (its own memory tier, the same Redis) does not ask the database either.
    const otherReplica = new RedisCatalogCache(config, app.get(RedisConnection));
    let loads = 0;
    const answer = await otherReplica.product(sku, async () => {
      loads += 1;
      return undefined;
    });
    assert.deepEqual([answer, loads], [undefined, 0]);
  });

  it('loads a cold key from the database once for 20 concurrent reads, and gives all of them the product', async () => {
    const sku = await coldProduct(25);
    const findBySku = mock.method(app.get(ProductStore), 'findBySku');
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => products.execute([sku])));
      assert.equal(findBySku.mock.callCount(), 1);
      for (const answer of answers) assert.equal(answer.products[0]?.available, 25);
    } finally {
      findBySku.mock.restore();
    }
  });

  describe('TieredCache', () => {
    const prefix = () => `${config.CATALOG_CACHE_KEY_PREFIX}tiered-${randomUUID()}:`;
    const options = (keyPrefix: string, outcomes: CacheLookupOutcome[] = []) => ({
      redis,
      keyPrefix,
      ttlMs: 60_000,
      missTtlMs: 30_000,
      memoryTtlMs: 2_000,
      onLookup: (outcome: CacheLookupOutcome) => outcomes.push(outcome),
    });

    it('answers from memory, then from Redis in another process, and counts each kind of answer', async () => {
      const keyPrefix = prefix();
      const outcomes: CacheLookupOutcome[] = [];
      const first = new TieredCache<string>(options(keyPrefix, outcomes));
      const second = new TieredCache<string>(options(keyPrefix, outcomes));
      const load = async () => 'from the database';
      await first.get('key', load);
      await first.get('key', load);
      await second.get('key', load);
      assert.deepEqual(outcomes, ['loaded', 'memory_hit', 'redis_hit']);
    });

    it('keeps Redis TTLs within ±10% of the configured one', async () => {
      const keyPrefix = prefix();
      const cache = new TieredCache<string>(options(keyPrefix));
      await Promise.all(Array.from({ length: 20 }, (_, index) => cache.get(`key-${index}`, async () => 'value')));
      for (let index = 0; index < 20; index += 1) {
        const ttl = await redis.pttl(`${keyPrefix}key-${index}`);
        assert.ok(ttl > 50_000 && ttl <= 66_000, `TTL ${ttl} ms is outside 60 s ± 10%`);
      }
    });

    it('does not put back an old value that a reader loaded while a write deleted the key', async () => {
      const keyPrefix = prefix();
      const cache = new TieredCache<string>(options(keyPrefix));
      let loadStarted!: () => void;
      const started = new Promise<void>((resolve) => (loadStarted = resolve));
      let finishLoad!: () => void;
      const gate = new Promise<void>((resolve) => (finishLoad = resolve));
      const slowReader = cache.get('product', async () => {
        loadStarted();
        await gate;
        return 'stock before the write';
      });

      await started;
      await cache.delete(['product']);
      finishLoad();
      assert.equal(await slowReader, 'stock before the write');
      assert.equal(await redis.exists(`${keyPrefix}product`), 0, 'the old value did not reach Redis');
      assert.equal(await cache.get('product', async () => 'stock after the write'), 'stock after the write');
    });

    it('answers from the database when Redis is unreachable, and reports the failures instead of throwing', async () => {
      const unreachable = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
      const failures: string[] = [];
      const cache = new TieredCache<Product>({ ...options(prefix()), redis: unreachable, onRedisError: (operation) => failures.push(operation) });
      const product = { sku: 'LAPTOP-STAND', name: 'Aluminium laptop stand', priceCents: 3_499, currency: 'EUR', available: 3 };
      try {
        assert.deepEqual(await cache.get('product:LAPTOP-STAND', async () => product), product);
        await cache.delete(['product:LAPTOP-STAND']);
        assert.deepEqual(failures, ['read', 'delete']);
      } finally {
        unreachable.disconnect();
      }
    });
  });
});
