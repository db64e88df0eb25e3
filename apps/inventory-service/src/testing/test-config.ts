// Test support: configuration for an in-process inventory app on throw-away resources.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { configSchema, type Config } from '../config.js';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A configuration whose cache keys no other test (or the running stack) shares. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return configSchema.parse({
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    LOG_LEVEL: 'warn',
    CATALOG_CACHE_KEY_PREFIX: `inventory-test:${randomBytes(4).toString('hex')}:`,
    ...overrides,
  });
}

/** Deletes every Redis key under `prefix`, so tests leave nothing behind. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
