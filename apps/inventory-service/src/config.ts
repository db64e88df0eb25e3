import { commonConfig, kafkaBrokers, port, postgresUrl, redisUrl } from '@shop/bootstrap';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3004),
  GRPC_PORT: port(3054),
  DATABASE_URL: postgresUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
  REDIS_URL: redisUrl(),
  /** Prefix of every catalog key in Redis; versioned so a change of the cached shape starts afresh. */
  CATALOG_CACHE_KEY_PREFIX: z.string().min(1).default('inventory:catalog:v1:'),
  /** How long Redis keeps a product, a price or the product list (each key ±10%, so they do not expire together). */
  CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  /** How long Redis remembers that a SKU does not exist, so unknown SKUs cannot hammer the database. */
  CATALOG_CACHE_MISS_TTL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** How long each process keeps an entry in memory in front of Redis: the staleness other replicas may see after a write. */
  CATALOG_CACHE_LOCAL_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /**
   * How long units stay reserved for an order that never committed nor released them (its saga
   * was parked, or is gone). Far beyond the saga's own deadlines: a live order never gets near it.
   */
  RESERVATION_HOLD_LIMIT_MS: z.coerce.number().int().min(60_000).max(30 * 86_400_000).default(86_400_000),
  /** How often held reservations are checked against that limit. */
  RESERVATION_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type Config = z.infer<typeof configSchema>;
