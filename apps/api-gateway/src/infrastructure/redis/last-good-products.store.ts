import { Injectable } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { z } from 'zod';
import { type CatalogProduct, catalogProductSchema } from '../../application/list-products/catalog-product.js';
import { RedisKeys } from './redis-keys.js';
import type { LastGoodProducts } from '../../application/ports/last-good-products.js';

const storedProductsSchema = z.array(catalogProductSchema);

/**
 * The last product list inventory returned, kept without a TTL: while inventory is down an old
 * catalog, marked stale, is more useful to a shopper than an error. Overwritten by every good answer.
 */
@Injectable()
export class LastGoodProductsStore implements LastGoodProducts {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async remember(products: CatalogProduct[]): Promise<void> {
    await this.redis.client.set(this.keys.lastGoodProducts(), JSON.stringify(products));
  }

  /** null when inventory never answered since the key was created. */
  async recall(): Promise<CatalogProduct[] | null> {
    const stored = await this.redis.client.get(this.keys.lastGoodProducts());
    return stored === null ? null : storedProductsSchema.parse(JSON.parse(stored));
  }
}
