import { z } from 'zod';

/**
 * Building blocks for the apps' config schemas, so every app spells a port, a URL or a log level
 * the same way and reports the same error for the same mistake.
 */

export const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a TCP port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const urlWithProtocol = (protocols: readonly string[], example: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? undefined : 'must be a string') })
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL like ${example}`);

export const postgresUrl = () =>
  urlWithProtocol(['postgres:', 'postgresql:'], 'postgresql://user:password@host:5432/database');
export const redisUrl = () => urlWithProtocol(['redis:', 'rediss:'], 'redis://host:6379');
export const mongoUrl = () => urlWithProtocol(['mongodb:', 'mongodb+srv:'], 'mongodb://host:27017/database');

/** `host:port[,host:port...]`, parsed into a list. */
export const kafkaBrokers = () =>
  z
    .string()
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port'))
        .min(1, 'must list at least one broker as host:port'),
    );

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Variables every app reads. */
export const commonConfig = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: logLevel(),
  /** How long SIGTERM may take to drain in-flight work before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
};

/** `host:port` of a gRPC server, e.g. USER_GRPC_URL=user-service:3051. */
export const grpcUrl = () => z.string().regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. user-service:3051');

/** A PEM key (from X or, Docker-secret style, from the file X_FILE names); `\n` escapes allowed. */
export const pemKey = (kind: 'PUBLIC KEY' | 'PRIVATE KEY') =>
  z
    .string()
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes(`-----BEGIN ${kind}-----`), `must be a PEM ${kind.toLowerCase()} (-----BEGIN ${kind}-----)`);
