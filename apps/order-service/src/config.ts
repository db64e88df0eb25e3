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
  /** Budget of one GetPrices call to the inventory, retries included. */
  INVENTORY_GRPC_DEADLINE_MS: milliseconds(5_000, 100, 60_000),
  /**
   * Silence after a saga command is sent before it is sent again (commands are idempotent); the
   * wait doubles after each further send, up to SAGA_RESEND_MAX_DELAY_MS. A participant's definite
   * answer (declined, out of stock, the card gateway's own timeout) ends a step at once instead.
   */
  SAGA_RESEND_INITIAL_DELAY_MS: milliseconds(10_000, 100, 600_000),
  SAGA_RESEND_MAX_DELAY_MS: milliseconds(60_000, 100, 3_600_000),
  /**
   * The business deadline: a participant silent this long after the order was placed, before the
   * pivot (stock reserved and payment authorized), cancels the order with SAGA_TIMED_OUT. Minutes,
   * so that a restart or a broker failover delays orders without cancelling them. After the pivot
   * the saga never gives up: commit and capture are sent again until they succeed.
   */
  SAGA_SILENCE_DEADLINE_MS: milliseconds(300_000, 1_000, 86_400_000),
  /** Wait after the first send of the compensation commands; it doubles after each further send. */
  COMPENSATION_RETRY_INITIAL_DELAY_MS: milliseconds(1_000, 10, 600_000),
  /** The longest wait between two sends of the compensation commands. */
  COMPENSATION_RETRY_MAX_DELAY_MS: milliseconds(60_000, 10, 3_600_000),
  /** Sends of the compensation commands before the saga is parked in FAILED_COMPENSATION for an operator. */
  SAGA_MAX_COMPENSATION_ATTEMPTS: count(10, 1_000),
  /** How often the sweeper looks for sagas whose step deadline has passed. */
  SAGA_SWEEP_INTERVAL_MS: milliseconds(1_000, 10, 60_000),
  /**
   * At start-up, the longest the first sweep waits for the replies already in Kafka to be consumed
   * (a deadline that ran out while the service was down may have been answered meanwhile).
   */
  SAGA_SWEEP_START_WAIT_MS: milliseconds(120_000, 0, 3_600_000),
  /** Most sagas one sweep advances; the rest wait for the next sweep. */
  SAGA_SWEEP_BATCH_SIZE: count(100, 10_000),
});

export type Config = z.infer<typeof configSchema>;
