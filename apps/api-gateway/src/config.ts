import { commonConfig, port, redisUrl } from '@shop/bootstrap';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3000),
  REDIS_URL: redisUrl(),
});

export type Config = z.infer<typeof configSchema>;
