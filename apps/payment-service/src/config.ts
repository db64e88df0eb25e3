import { commonConfig, kafkaBrokers, port, postgresUrl } from '@shop/bootstrap';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3003),
  DATABASE_URL: postgresUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
});

export type Config = z.infer<typeof configSchema>;
