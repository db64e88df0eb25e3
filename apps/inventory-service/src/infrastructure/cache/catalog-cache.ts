import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { defineCounter } from '@shop/observability';
import { RedisConnection } from '@shop/redis';
import type { Config } from '../../config.js';
import { CatalogCache } from '../../application/ports/catalog-cache.js';
import type { Product } from '../../domain/product.js';
import { TieredCache, type CacheLookupOutcome, type CacheOperation } from './tiered-cache.js';

const lookups = defineCounter(
  'inventory_catalog_cache_lookups',
  { cache: ['product', 'product_list'], outcome: ['memory_hit', 'redis_hit', 'coalesced', 'loaded'] },
  'Catalog cache lookups by how they were answered: loaded means the database was read.',
);
const redisErrors = defineCounter(
  'inventory_catalog_cache_redis_errors',
  { operation: ['read', 'fill', 'delete'] },
  'Catalog cache operations that Redis failed; reads fall back to the database.',
);

const PRODUCT_LIST_KEY = 'products';
const productKey = (sku: string) => `product:${sku}`;

/** The catalog cache in two tiers: a bounded in-process memory tier in front of Redis. */
@Injectable()
export class RedisCatalogCache extends CatalogCache {
  private readonly logger = new Logger(RedisCatalogCache.name);
  private readonly products: TieredCache<Product>;
  private readonly productList: TieredCache<Product[]>;

  constructor(@Inject(SERVICE_CONFIG) config: Config, redis: RedisConnection) {
    super();
    const options = (cache: 'product' | 'product_list') => ({
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
  }

  /** The product, or undefined when the catalog has no such SKU (remembered briefly too). */
  product(sku: string, load: () => Promise<Product | undefined>): Promise<Product | undefined> {
    return this.products.get(productKey(sku), load);
  }

  async productListing(load: () => Promise<Product[]>): Promise<Product[]> {
    return (await this.productList.get(PRODUCT_LIST_KEY, load)) ?? [];
  }

  /** Deletes what the committed change of these products made stale. Never throws. */
  async productsChanged(skus: Iterable<string>): Promise<void> {
    await Promise.all([this.products.delete([...skus].map(productKey)), this.productList.delete([PRODUCT_LIST_KEY])]);
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
