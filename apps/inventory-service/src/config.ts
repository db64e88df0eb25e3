import { commonConfig, kafkaBrokers, port, postgresUrl, redisUrl } from '@shop/bootstrap';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3004),
  DATABASE_URL: postgresUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
  REDIS_URL: redisUrl(),
});

export type Config = z.infer<typeof configSchema>;
