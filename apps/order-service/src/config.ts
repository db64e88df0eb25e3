import { commonConfig, grpcUrl, kafkaBrokers, port, postgresUrl } from '@shop/bootstrap';
import { z } from 'zod';

const milliseconds = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .default(fallback);

const count = (fallback: number, max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, `must be between 1 and ${max}`).max(max, `must be between 1 and ${max}`).default(fallback);

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3002),
  GRPC_PORT: port(3052),
  DATABASE_URL: postgresUrl(),
  KAFKA_BROKERS: kafkaBrokers(),
  /** The catalog, read when an order is placed to refuse unknown SKUs and price the lines. */
  INVENTORY_GRPC_URL: grpcUrl(),
  /** Budget of one GetProducts call to the inventory, retries included. */
  INVENTORY_GRPC_DEADLINE_MS: milliseconds(5_000, 100, 60_000),
  /**
   * How long a forward step (reserve stock, authorize payment, confirm) may go without a reply
   * before it counts as failed and is compensated. The payment service answers a slow card with
   * GATEWAY_TIMEOUT well within it.
   */
  SAGA_STEP_TIMEOUT_MS: milliseconds(15_000, 100, 600_000),
  /** How many times the confirmation commands (commit, capture) are sent before the saga compensates. */
  SAGA_MAX_CONFIRMATION_ATTEMPTS: count(3, 100),
  /** Wait after the first send of the compensation commands; it doubles after each further send. */
  COMPENSATION_RETRY_INITIAL_DELAY_MS: milliseconds(1_000, 10, 600_000),
  /** The longest wait between two sends of the compensation commands. */
  COMPENSATION_RETRY_MAX_DELAY_MS: milliseconds(60_000, 10, 3_600_000),
  /** Sends of the compensation commands before the saga is parked in FAILED_COMPENSATION for an operator. */
  SAGA_MAX_COMPENSATION_ATTEMPTS: count(10, 1_000),
  /** How often the sweeper looks for sagas whose step deadline has passed. */
  SAGA_SWEEP_INTERVAL_MS: milliseconds(1_000, 10, 60_000),
  /** Most sagas one sweep advances; the rest wait for the next sweep. */
  SAGA_SWEEP_BATCH_SIZE: count(100, 10_000),
});

export type Config = z.infer<typeof configSchema>;
