import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisConnection } from '@shop/redis';
import { randomUUID } from 'node:crypto';
import { LOCAL_REDIS_URL } from '../../testing/gateway.fixture.js';
import { IDEMPOTENCY_TTL_SECONDS, IdempotencyStore } from './idempotency.store.js';
import { RedisKeys } from './redis-keys.js';

describe('the idempotency store in Redis', () => {
  const prefix = `idempotency-store-test-${randomUUID()}:`;
  const keys = new RedisKeys(prefix);
  let redis: RedisConnection;
  let store: IdempotencyStore;

  before(() => {
    redis = new RedisConnection(LOCAL_REDIS_URL);
    store = new IdempotencyStore(redis, keys);
  });

  after(async () => {
    const written = await redis.client.keys(`${prefix}*`);
    if (written.length > 0) await redis.client.del(...written);
    await redis.client.quit();
  });

  it('stores the key as idempotency:<userId>:<key>, for 24 hours', async () => {
    const userId = randomUUID();
    await store.claim(userId, 'key-1', 'f1');
    const key = keys.idempotency(userId, 'key-1');
    assert.match(key, new RegExp(`idempotency:${userId}:key-1$`));
    assert.equal(await redis.client.ttl(key), IDEMPOTENCY_TTL_SECONDS);
  });

  it('lets exactly one of many concurrent claims of a key succeed; the others see its record', async () => {
    const userId = randomUUID();
    const claims = await Promise.all(Array.from({ length: 25 }, (_, index) => store.claim(userId, 'key-1', `fingerprint-${index}`)));
    const winners = claims.filter((claim) => claim.claimed);
    assert.equal(winners.length, 1);
    const seen = new Set(claims.flatMap((claim) => (claim.claimed ? [] : [claim.existing.fingerprint])));
    assert.equal(seen.size, 1, 'every loser sees the same, winning, record');
  });

  it('remembers the order of a completed key and keeps its expiry', async () => {
    const userId = randomUUID();
    await store.claim(userId, 'key-1', 'f1');
    await redis.client.expire(keys.idempotency(userId, 'key-1'), 600);
    await store.complete(userId, 'key-1', 'f1', 'order-1');
    assert.deepEqual(await store.claim(userId, 'key-1', 'f1'), { claimed: false, existing: { fingerprint: 'f1', orderId: 'order-1' } });
    assert.ok((await redis.client.ttl(keys.idempotency(userId, 'key-1'))) <= 600);
  });

  it('releases a pending claim, but never a completed one', async () => {
    const userId = randomUUID();
    await store.claim(userId, 'pending', 'f1');
    await store.release(userId, 'pending', 'f1');
    assert.deepEqual(await store.claim(userId, 'pending', 'f2'), { claimed: true });

    await store.claim(userId, 'done', 'f1');
    await store.complete(userId, 'done', 'f1', 'order-1');
    await store.release(userId, 'done', 'f1');
    assert.deepEqual(await store.claim(userId, 'done', 'f1'), { claimed: false, existing: { fingerprint: 'f1', orderId: 'order-1' } });
  });

  it('does not bring back a key that expired before it was completed', async () => {
    const userId = randomUUID();
    await store.complete(userId, 'expired', 'f1', 'order-1');
    assert.equal(await redis.client.exists(keys.idempotency(userId, 'expired')), 0);
  });
});
