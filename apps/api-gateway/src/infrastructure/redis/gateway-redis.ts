import { SERVICE_CONFIG } from '@shop/bootstrap';
import { RedisModule } from '@shop/redis';
import type { Config } from '../../config.js';

/** The gateway's one Redis connection; import this same module object wherever RedisConnection is needed. */
export const gatewayRedis = RedisModule.forRootAsync({ useFactory: (config: Config) => ({ url: config.REDIS_URL }), inject: [SERVICE_CONFIG] });
