import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { configSchema } from './config.js';
import { generateSigningKeys } from './testing/access-tokens.fixture.js';

const required = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  USER_GRPC_URL: 'user-service:3051',
  ORDER_GRPC_URL: 'order-service:3052',
  INVENTORY_GRPC_URL: 'inventory-service:3054',
  NOTIFICATION_GRPC_URL: 'notification-service:3055',
  JWT_PUBLIC_KEY: generateSigningKeys().publicKey,
};

describe('the gateway\'s configuration', () => {
  it('defaults to port 3000, 1000 requests per 10 s, a 5 s gRPC deadline and unprefixed Redis keys', () => {
    const config = configSchema.parse(required);
    assert.deepEqual(
      { port: config.PORT, max: config.RATE_LIMIT_MAX, window: config.RATE_LIMIT_WINDOW_MS, deadline: config.GRPC_DEADLINE_MS, prefix: config.REDIS_KEY_PREFIX },
      { port: 3000, max: 1000, window: 10_000, deadline: 5000, prefix: '' },
    );
  });

  it('reads the limits from the environment', () => {
    const config = configSchema.parse({ ...required, RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '1000', GRPC_DEADLINE_MS: '1500' });
    assert.deepEqual([config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS, config.GRPC_DEADLINE_MS], [5, 1000, 1500]);
  });

  it('refuses a public key that cannot verify RS256 tokens', () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const result = configSchema.safeParse({ ...required, JWT_PUBLIC_KEY: ecKey.publicKey });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]), [['JWT_PUBLIC_KEY', 'must be an RSA public key: tokens are RS256']]);
  });

  it('takes a gRPC address as host:port', () => {
    assert.equal(configSchema.safeParse({ ...required, ORDER_GRPC_URL: 'http://order-service:3052' }).success, false);
  });
});
