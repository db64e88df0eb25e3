import { PrismaPg } from '@prisma/adapter-pg';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../domain/user.errors.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { isDependencyOutage } from './dependency-outage.js';

// Port 1 on loopback: nothing listens there, so these are the real errors of an unreachable server.
const NOWHERE = '127.0.0.1:1';

async function errorOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('telling an unreachable dependency from a bug', () => {
  it('recognises the error of a query to a PostgreSQL that cannot be reached', async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://user_service@${NOWHERE}/user_service` }) });
    try {
      assert.equal(isDependencyOutage(await errorOf(() => prisma.user.findUnique({ where: { id: '0193a0c4-5b4c-7b2e-8d5f-3c2b1a0f9e8d' } }))), true);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('recognises the error of a command to a Redis that cannot be reached', async () => {
    const redis = new Redis(`redis://${NOWHERE}`, { maxRetriesPerRequest: 1, retryStrategy: () => 10 });
    redis.on('error', () => undefined);
    try {
      assert.equal(isDependencyOutage(await errorOf(() => redis.set('anything', '1', 'PX', 1000))), true);
    } finally {
      redis.disconnect();
    }
  });

  it('recognises a refused socket wrapped as the cause of another error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    assert.equal(isDependencyOutage(new Error('query failed', { cause: refused })), true);
  });

  it('does not take a programming error or a refusal for an outage', () => {
    assert.equal(isDependencyOutage(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isDependencyOutage(UserError.emailTaken()), false);
    assert.equal(isDependencyOutage('a string'), false);
  });
});
