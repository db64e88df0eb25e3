import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from './config.js';

const required = { DATABASE_URL: 'postgresql://payment_service@127.0.0.1:5432/payment_service', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('payment-service configuration', () => {
  it('defaults the gRPC port and the payment gateway policy to the documented values', () => {
    const config = configSchema.parse(required);
    assert.equal(config.GRPC_PORT, 3053);
    assert.equal(config.PAYMENT_GATEWAY_DEADLINE_MS, 2_500);
    assert.equal(config.PAYMENT_GATEWAY_TIMEOUT_MS, 1_000);
    assert.equal(config.PAYMENT_GATEWAY_MAX_ATTEMPTS, 2);
    assert.equal(config.PAYMENT_GATEWAY_BREAKER_THRESHOLD, 5);
    assert.equal(config.PAYMENT_GATEWAY_BREAKER_OPEN_MS, 30_000);
    assert.equal(config.CARD_GATEWAY_SLOW_MS, 3_000);
    assert.ok(config.CARD_GATEWAY_SLOW_MS > config.PAYMENT_GATEWAY_TIMEOUT_MS, 'the slow card is slower than an attempt may take');
  });

  it('reads each setting from its variable', () => {
    const config = configSchema.parse({ ...required, PAYMENT_GATEWAY_TIMEOUT_MS: '250', CARD_GATEWAY_SLOW_MS: '500', PAYMENT_GATEWAY_BREAKER_THRESHOLD: '3' });
    assert.equal(config.PAYMENT_GATEWAY_TIMEOUT_MS, 250);
    assert.equal(config.CARD_GATEWAY_SLOW_MS, 500);
    assert.equal(config.PAYMENT_GATEWAY_BREAKER_THRESHOLD, 3);
  });

  it('refuses an attempt timeout longer than the deadline, naming the variable', () => {
    const result = configSchema.safeParse({ ...required, PAYMENT_GATEWAY_TIMEOUT_MS: '3000' });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]), [['PAYMENT_GATEWAY_TIMEOUT_MS', 'must not exceed PAYMENT_GATEWAY_DEADLINE_MS']]);
  });
});
