import { commonConfig, kafkaBrokers, mongoUrl, port } from '@shop/bootstrap';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3005),
  MONGO_URL: mongoUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
});

export type Config = z.infer<typeof configSchema>;
