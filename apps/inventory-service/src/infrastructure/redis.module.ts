import { SERVICE_CONFIG } from '@shop/bootstrap';
import { RedisModule } from '@shop/redis';
import type { Config } from '../config.js';

/** Redis for the catalog cache; it holds copies only, never the stock of record. */
export const CacheRedisModule = RedisModule.forRootAsync({ useFactory: (config: Config) => ({ url: config.REDIS_URL }), inject: [SERVICE_CONFIG] });
