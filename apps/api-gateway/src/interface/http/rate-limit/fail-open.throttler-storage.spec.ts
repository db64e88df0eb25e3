import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { FailOpenThrottlerStorage } from './fail-open.throttler-storage.js';

Logger.overrideLogger(false);

describe('the rate limiter while its storage fails', () => {
  it('lets requests through instead of failing them', async () => {
    const broken: ThrottlerStorage = { increment: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) };
    const record = await new FailOpenThrottlerStorage(broken).increment('key', 10_000, 5, 10_000, 'default');
    assert.equal(record.isBlocked, false);
  });

  it('passes the storage\'s answer on while it works, a block included', async () => {
    const blocked = { totalHits: 6, timeToExpire: 9, isBlocked: true, timeToBlockExpire: 9 };
    const storage: ThrottlerStorage = { increment: () => Promise.resolve(blocked) };
    assert.deepEqual(await new FailOpenThrottlerStorage(storage).increment('key', 10_000, 5, 10_000, 'default'), blocked);
  });
});
