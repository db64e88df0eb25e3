import { commonConfig, kafkaBrokers, port, postgresUrl } from '@shop/bootstrap';
import { z } from 'zod';

const milliseconds = (fallback: number) => z.coerce.number().int('must be a whole number of milliseconds').positive('must be positive').default(fallback);

export const configSchema = z
  .object({
    ...commonConfig,
    PORT: port(3003),
    GRPC_PORT: port(3053),
    DATABASE_URL: postgresUrl(),
    KAFKA_BROKERS: kafkaBrokers(),
    // The `payment-gateway` resilience policy (see README "Resilience").
    /** Budget of one gateway call, every attempt and backoff included. */
    PAYMENT_GATEWAY_DEADLINE_MS: milliseconds(2_500),
    /** Budget of one attempt; a slower answer is a timeout that counts against the breaker. */
    PAYMENT_GATEWAY_TIMEOUT_MS: milliseconds(1_000),
    /** Attempts in all, the first included: authorize carries an idempotency key, capture and void are idempotent. */
    PAYMENT_GATEWAY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(2),
    /** First backoff cap before a retry (full jitter below it); small, so a retry fits in the deadline. */
    PAYMENT_GATEWAY_RETRY_DELAY_MS: milliseconds(200),
    /** Consecutive transient failures (timeouts, outages) that open the circuit. */
    PAYMENT_GATEWAY_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
    /** How long the open circuit refuses calls before one probe goes through. */
    PAYMENT_GATEWAY_BREAKER_OPEN_MS: milliseconds(30_000),
    /** How long the simulated gateway takes to answer for the `pm_card_slow` token. */
    CARD_GATEWAY_SLOW_MS: milliseconds(3_000),
  })
  .refine((config) => config.PAYMENT_GATEWAY_TIMEOUT_MS <= config.PAYMENT_GATEWAY_DEADLINE_MS, {
    message: 'must not exceed PAYMENT_GATEWAY_DEADLINE_MS',
    path: ['PAYMENT_GATEWAY_TIMEOUT_MS'],
  });

export type Config = z.infer<typeof configSchema>;
