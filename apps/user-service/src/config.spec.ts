import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from './config.js';
import { generateRsaKeyPair } from './testing/rsa-key-pair.js';

const keys = generateRsaKeyPair();
const required = {
  DATABASE_URL: 'postgresql://user_service:secret@127.0.0.1:5432/user_service',
  KAFKA_BROKERS: '127.0.0.1:9092',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_PRIVATE_KEY: keys.privateKey,
  JWT_PUBLIC_KEY: keys.publicKey,
};

function problemsWith(env: Record<string, string>): string[] {
  const result = configSchema.safeParse(env);
  assert.equal(result.success, false, 'expected the configuration to be refused');
  return result.error!.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
}

describe('user-service configuration', () => {
  it('serves gRPC on 3051 and issues 15-minute tokens unless told otherwise', () => {
    const config = configSchema.parse(required);
    assert.equal(config.GRPC_PORT, 3051);
    assert.equal(config.PORT, 3001);
    assert.equal(config.JWT_TTL_SECONDS, 900);
  });

  it('accepts keys whose line breaks were escaped as \\n, as one-line environment variables have them', () => {
    const config = configSchema.parse({ ...required, JWT_PRIVATE_KEY: keys.privateKey.replace(/\n/g, '\\n') });
    assert.equal(config.JWT_PRIVATE_KEY, keys.privateKey);
  });

  it('refuses a public key that is not the half of the private key', () => {
    assert.deepEqual(problemsWith({ ...required, JWT_PUBLIC_KEY: generateRsaKeyPair().publicKey }), ['JWT_PUBLIC_KEY is not the public half of JWT_PRIVATE_KEY']);
  });

  it('refuses an RSA key too short for RS256', () => {
    const weak = generateRsaKeyPair(1024);
    assert.deepEqual(problemsWith({ ...required, ...{ JWT_PRIVATE_KEY: weak.privateKey, JWT_PUBLIC_KEY: weak.publicKey } }), [
      'JWT_PRIVATE_KEY must be an RSA private key of at least 2048 bits',
    ]);
  });

  it('refuses a token lifetime that is not a whole number of seconds up to a day', () => {
    assert.deepEqual(problemsWith({ ...required, JWT_TTL_SECONDS: '0' }), ['JWT_TTL_SECONDS must be between 1 and 86400']);
    assert.deepEqual(problemsWith({ ...required, JWT_TTL_SECONDS: '1.5' }), ['JWT_TTL_SECONDS must be a whole number of seconds']);
  });
});
