import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema } from './config.js';

const required = { DATABASE_URL: 'postgresql://order_service@127.0.0.1:5432/order_service', KAFKA_BROKERS: '127.0.0.1:9092', INVENTORY_GRPC_URL: 'inventory-service:3054' };

describe('order-service configuration', () => {
  it('takes the documented defaults', () => {
    const config = configSchema.parse(required);
    assert.equal(config.PORT, 3002);
    assert.equal(config.GRPC_PORT, 3052);
    assert.equal(config.SAGA_RESEND_INITIAL_DELAY_MS, 10_000);
    assert.equal(config.SAGA_RESEND_MAX_DELAY_MS, 60_000);
    assert.equal(config.SAGA_SILENCE_DEADLINE_MS, 300_000);
    assert.equal(config.COMPENSATION_RETRY_INITIAL_DELAY_MS, 1_000);
    assert.equal(config.COMPENSATION_RETRY_MAX_DELAY_MS, 60_000);
    assert.equal(config.SAGA_MAX_COMPENSATION_ATTEMPTS, 10);
    assert.equal(config.SAGA_SWEEP_INTERVAL_MS, 1_000);
    assert.equal(config.SAGA_SWEEP_START_WAIT_MS, 120_000);
  });

  it('requires where the inventory answers', () => {
    const { INVENTORY_GRPC_URL: _omitted, ...withoutInventory } = required;
    assert.equal(configSchema.safeParse(withoutInventory).success, false);
  });

  it('refuses a re-send delay too short for any participant to answer', () => {
    const result = configSchema.safeParse({ ...required, SAGA_RESEND_INITIAL_DELAY_MS: '5' });
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? '', /must be between 100 and 600000/);
  });

  it('refuses a business deadline under a second', () => {
    assert.equal(configSchema.safeParse({ ...required, SAGA_SILENCE_DEADLINE_MS: '500' }).success, false);
  });
});
