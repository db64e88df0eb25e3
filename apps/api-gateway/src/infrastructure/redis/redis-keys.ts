import { revokedTokenKey } from '@shop/contracts';

/**
 * Every Redis key the gateway reads or writes, in one place. The gateway's own keys carry
 * REDIS_KEY_PREFIX (empty by default); the token denylist belongs to user-service and never does.
 */
export class RedisKeys {
  constructor(private readonly prefix: string) {}

  /** `idempotency:<userId>:<key>`: the request fingerprint and the order it placed. */
  idempotency(userId: string, idempotencyKey: string): string {
    return `${this.prefix}idempotency:${userId}:${idempotencyKey}`;
  }

  /** The last product list inventory returned, served (marked stale) while inventory is down. */
  lastGoodProducts(): string {
    return `${this.prefix}catalog:last-good-products`;
  }

  /** One counter per client and throttler, shared by every route: the limit is per client, not per endpoint. */
  rateLimit(throttlerName: string, tracker: string): string {
    return `${this.prefix}rate-limit:${throttlerName}:${tracker}`;
  }

  /** Written by user-service on log-out. */
  revokedToken(jti: string): string {
    return revokedTokenKey(jti);
  }
}
