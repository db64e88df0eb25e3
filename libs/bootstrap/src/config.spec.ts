import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { describeConfigError } from './config.js';
import { commonConfig, kafkaBrokers, port, postgresUrl, redisUrl } from './config-fields.js';

const schema = z.object({ ...commonConfig, PORT: port(3000), DATABASE_URL: postgresUrl(), REDIS_URL: redisUrl(), KAFKA_BROKERS: kafkaBrokers() });
const valid = { DATABASE_URL: 'postgresql://u:p@localhost:5432/db', REDIS_URL: 'redis://localhost:6379', KAFKA_BROKERS: 'a:9092, b:9093' };

function errorLine(env: NodeJS.ProcessEnv): string {
  const result = schema.safeParse(env);
  assert.equal(result.success, false, 'expected the configuration to be rejected');
  return describeConfigError(result.error!, env);
}

describe('app configuration', () => {
  it('applies defaults and parses brokers into a list', () => {
    const config = schema.parse(valid);
    assert.equal(config.PORT, 3000);
    assert.equal(config.LOG_LEVEL, 'info');
    assert.deepEqual(config.KAFKA_BROKERS, ['a:9092', 'b:9093']);
  });

  it('names a missing variable as required', () => {
    const { DATABASE_URL: _omitted, ...env } = valid;
    assert.equal(errorLine(env), 'Invalid configuration: DATABASE_URL is required');
  });

  it('says what a malformed variable should look like', () => {
    assert.match(errorLine({ ...valid, DATABASE_URL: 'mysql://x' }), /^Invalid configuration: DATABASE_URL must be a URL like postgresql:\/\//);
    assert.match(errorLine({ ...valid, PORT: '70000' }), /PORT must be between 1 and 65535/);
    assert.match(errorLine({ ...valid, PORT: 'http' }), /PORT must be a TCP port number/);
    assert.match(errorLine({ ...valid, KAFKA_BROKERS: 'localhost' }), /KAFKA_BROKERS each broker must be host:port/);
    assert.match(errorLine({ ...valid, LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });

  it('reports every problem on one line', () => {
    const line = errorLine({ REDIS_URL: 'http://nope' });
    assert.equal(line.includes('\n'), false);
    for (const variable of ['DATABASE_URL is required', 'REDIS_URL must be a URL', 'KAFKA_BROKERS is required']) {
      assert.ok(line.includes(variable), `"${line}" should mention ${variable}`);
    }
  });
});
