import { createPrivateKey, createPublicKey } from 'node:crypto';
import { commonConfig, kafkaBrokers, pemKey, port, postgresUrl, redisUrl } from '@shop/bootstrap';
import { z } from 'zod';

/** jsonwebtoken refuses RS256 with a shorter modulus; saying so at start-up beats failing at the first log-in. */
const MIN_RSA_MODULUS_BITS = 2048;

export const configSchema = z
  .object({
    ...commonConfig,
    PORT: port(3001),
    GRPC_PORT: port(3051),
    DATABASE_URL: postgresUrl(),
    KAFKA_BROKERS: kafkaBrokers(),
    REDIS_URL: redisUrl(),
    /** Signs access tokens (RS256); PEM PKCS#8. */
    JWT_PRIVATE_KEY: pemKey('PRIVATE KEY').refine(isStrongRsaPrivateKey, `must be an RSA private key of at least ${MIN_RSA_MODULUS_BITS} bits`),
    /** Verifies tokens handed back for revocation; PEM SPKI, the same key the gateway verifies with. */
    JWT_PUBLIC_KEY: pemKey('PUBLIC KEY'),
    /** Lifetime of an access token, and so the longest a revoked token stays on the denylist. */
    /** scrypt's p for new password hashes (N=2^15, r=8): 3 meets OWASP's minimum, 1 is a third of its cost. */
    SCRYPT_PARALLELISM: z.coerce.number().int('must be a whole number').min(1, 'must be between 1 and 16').max(16, 'must be between 1 and 16').default(1),
    JWT_TTL_SECONDS: z.coerce.number().int('must be a whole number of seconds').min(1, 'must be between 1 and 86400').max(86_400, 'must be between 1 and 86400').default(900),
  })
  .superRefine((config, context) => {
    // A mismatched pair would sign tokens the gateway rejects: better to refuse to start.
    if (!isPublicKeyOf(config.JWT_PUBLIC_KEY, config.JWT_PRIVATE_KEY)) {
      context.addIssue({ code: 'custom', path: ['JWT_PUBLIC_KEY'], message: 'is not the public half of JWT_PRIVATE_KEY' });
    }
  });

export type Config = z.infer<typeof configSchema>;

function isStrongRsaPrivateKey(pem: string): boolean {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_MODULUS_BITS;
  } catch {
    return false;
  }
}

function isPublicKeyOf(publicPem: string, privatePem: string): boolean {
  try {
    const derived = createPublicKey(privatePem).export({ type: 'spki', format: 'der' });
    const given = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
    return derived.equals(given);
  } catch {
    return false;
  }
}
