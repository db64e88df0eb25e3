import { Injectable } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { z } from 'zod';
import type { IdempotencyClaim, IdempotencyRecord } from '../../application/place-order/idempotency-record.js';
import { RedisKeys } from './redis-keys.js';
import type { IdempotencyKeys } from '../../application/ports/idempotency-keys.js';

/** How long a key is remembered, as clients of payment APIs expect. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const recordSchema = z.object({ fingerprint: z.string(), orderId: z.string().nullable() });

// Check and claim in one step: two concurrent first requests cannot both see "no record".
const CLAIM_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false`;

// Only a claim that is still pending and still ours is released: never a completed record.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Idempotency keys in Redis: `idempotency:<userId>:<key>` -> {fingerprint, orderId}, for 24 hours. */
@Injectable()
export class IdempotencyStore implements IdempotencyKeys {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  /** Records the key as in flight for this fingerprint, unless someone already did: then returns their record. */
  async claim(userId: string, idempotencyKey: string, fingerprint: string): Promise<IdempotencyClaim> {
    const pending = serialize({ fingerprint, orderId: null });
    const existing = (await this.redis.client.eval(CLAIM_SCRIPT, 1, this.keys.idempotency(userId, idempotencyKey), pending, IDEMPOTENCY_TTL_SECONDS)) as string | null;
    return existing === null ? { claimed: true } : { claimed: false, existing: recordSchema.parse(JSON.parse(existing)) };
  }

  /** Remembers the order the key placed, keeping the key's original expiry. */
  async complete(userId: string, idempotencyKey: string, fingerprint: string, orderId: string): Promise<void> {
    // XX: a record that expired meanwhile is not brought back without its TTL.
    await this.redis.client.set(this.keys.idempotency(userId, idempotencyKey), serialize({ fingerprint, orderId }), 'KEEPTTL', 'XX');
  }

  /** Forgets a pending claim whose request was refused, so the client may fix the body and reuse the key. */
  async release(userId: string, idempotencyKey: string, fingerprint: string): Promise<void> {
    await this.redis.client.eval(RELEASE_SCRIPT, 1, this.keys.idempotency(userId, idempotencyKey), serialize({ fingerprint, orderId: null }));
  }
}

function serialize(record: IdempotencyRecord): string {
  return JSON.stringify({ fingerprint: record.fingerprint, orderId: record.orderId });
}
