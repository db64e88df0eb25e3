import { createPublicKey } from 'node:crypto';
import { commonConfig, grpcUrl, pemKey, port, redisUrl } from '@shop/bootstrap';
import { z } from 'zod';

const positiveInteger = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${max}`)
    .max(max, `must be between 1 and ${max}`)
    .default(fallback);

export const configSchema = z.object({
  ...commonConfig,
  PORT: port(3000),
  /** Rate-limit counters, idempotency keys, the last good product list; and the token denylist user-service writes. */
  REDIS_URL: redisUrl(),
  USER_GRPC_URL: grpcUrl(),
  ORDER_GRPC_URL: grpcUrl(),
  INVENTORY_GRPC_URL: grpcUrl(),
  NOTIFICATION_GRPC_URL: grpcUrl(),
  /** Verifies access tokens (RS256 only); PEM SPKI, the public half of user-service's signing key. */
  JWT_PUBLIC_KEY: pemKey('PUBLIC KEY').refine(isRsaPublicKey, 'must be an RSA public key: tokens are RS256'),
  /** Requests each client (user when authenticated, else IP) may make per window. */
  RATE_LIMIT_MAX: positiveInteger(1000, 1_000_000),
  RATE_LIMIT_WINDOW_MS: positiveInteger(10_000, 3_600_000),
  /** Budget of one downstream gRPC call, retries included. */
  GRPC_DEADLINE_MS: positiveInteger(5000, 60_000),
  /** Deadline of calls to user-service, whose register and log-in hash passwords slowly by design. */
  USER_GRPC_DEADLINE_MS: positiveInteger(15_000, 60_000),
  /**
   * Prepended to the gateway's own Redis keys (rate limits, idempotency keys, product cache) so
   * that two gateways, or a test beside the running stack, can share one Redis. Empty by default.
   */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]*$/, 'may contain only letters, digits, ":", "_" and "-"').default(''),
});

export type Config = z.infer<typeof configSchema>;

// A wrong key would refuse every token with a 401; better to refuse to start, naming the variable.
function isRsaPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}
