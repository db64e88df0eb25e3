import { Injectable } from '@nestjs/common';
import { RedisConnection } from '@shop/redis';
import { RedisKeys } from './redis-keys.js';

/** The log-out denylist user-service keeps: a token id is on it until the token would have expired. */
@Injectable()
export class RevokedTokensStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.redis.client.exists(this.keys.revokedToken(jti))) === 1;
  }
}
