import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { defineCounter } from '@shop/observability';
import { RedisConnection } from '@shop/redis';
import type { Config } from '../../config.js';
import { CatalogCache } from '../../application/ports/catalog-cache.js';
import type { Product, ProductPrice } from '../../domain/product.js';
import { TieredCache, type CacheLookupOutcome, type CacheOperation } from './tiered-cache.js';

const lookups = defineCounter(
  'inventory_catalog_cache_lookups',
  { cache: ['product', 'product_list', 'price'], outcome: ['memory_hit', 'redis_hit', 'coalesced', 'loaded'] },
  'Catalog cache lookups by how they were answered: loaded means the database was read.',
);
const redisErrors = defineCounter(
  'inventory_catalog_cache_redis_errors',
  { operation: ['read', 'fill', 'delete'] },
  'Catalog cache operations that Redis failed; reads fall back to the database.',
);

const PRODUCT_LIST_KEY = 'products';
const productKey = (sku: string) => `product:${sku}`;
const priceKey = (sku: string) => `price:${sku}`;

/** The catalog cache in two tiers: a bounded in-process memory tier in front of Redis. */
@Injectable()
export class RedisCatalogCache extends CatalogCache {
  private readonly logger = new Logger(RedisCatalogCache.name);
  private readonly products: TieredCache<Product>;
  private readonly productList: TieredCache<Product[]>;
  private readonly prices: TieredCache<ProductPrice>;

  constructor(@Inject(SERVICE_CONFIG) config: Config, redis: RedisConnection) {
    super();
    const options = (cache: 'product' | 'product_list' | 'price') => ({
      redis: redis.client,
      keyPrefix: config.CATALOG_CACHE_KEY_PREFIX,
      ttlMs: config.CATALOG_CACHE_TTL_SECONDS * 1000,
      missTtlMs: config.CATALOG_CACHE_MISS_TTL_SECONDS * 1000,
      memoryTtlMs: config.CATALOG_CACHE_LOCAL_TTL_MS,
      onLookup: (outcome: CacheLookupOutcome) => lookups.add({ cache, outcome }),
      onRedisError: (operation: CacheOperation, error: Error) => this.redisFailed(operation, error),
    });
    this.products = new TieredCache(options('product'));
    this.productList = new TieredCache(options('product_list'));
    this.prices = new TieredCache(options('price'));
  }

  /** The product, or undefined when the catalog has no such SKU (remembered briefly too). */
  product(sku: string, load: () => Promise<Product | undefined>): Promise<Product | undefined> {
    return this.products.get(productKey(sku), load);
  }

  async productListing(load: () => Promise<Product[]>): Promise<Product[]> {
    return (await this.productList.get(PRODUCT_LIST_KEY, load)) ?? [];
  }

  /** The product's price, or undefined when the catalog has no such SKU; stock changes leave it cached. */
  price(sku: string, load: () => Promise<ProductPrice | undefined>): Promise<ProductPrice | undefined> {
    return this.prices.get(priceKey(sku), load);
  }

  /** Deletes what a committed change of these products' stock made stale: not their prices. Never throws. */
  async stockChanged(skus: Iterable<string>): Promise<void> {
    await Promise.all([this.products.delete([...skus].map(productKey)), this.productList.delete([PRODUCT_LIST_KEY])]);
  }

  /** Deletes everything cached of these products, prices included. Never throws. */
  async productsChanged(skus: Iterable<string>): Promise<void> {
    const changed = [...skus];
    await Promise.all([this.stockChanged(changed), this.prices.delete(changed.map(priceKey))]);
  }

  private redisFailed(operation: CacheOperation, error: Error): void {
    redisErrors.add({ operation });
    const consequence =
      operation === 'delete'
        ? 'readers may see the old stock until the key expires'
        : operation === 'read'
          ? 'answered from the database'
          : 'not cached';
    this.logger.warn({ code: 'INVENTORY.CACHE_REDIS_FAILED', operation, err: error.message }, `catalog cache ${operation} failed: ${consequence}`);
  }
}
