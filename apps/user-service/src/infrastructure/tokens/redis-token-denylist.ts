import { Injectable } from '@nestjs/common';
import { revokedTokenKey } from '@shop/contracts';
import { RedisConnection } from '@shop/redis';
import { TokenDenylist } from '../../application/ports/token-denylist.js';

/** The denylist the gateway reads: one key per revoked token (see revokedTokenKey), expiring with the token. */
@Injectable()
export class RedisTokenDenylist extends TokenDenylist {
  constructor(private readonly redis: RedisConnection) {
    super();
  }

  async add(tokenId: string, ttlMs: number): Promise<void> {
    await this.redis.client.set(revokedTokenKey(tokenId), '1', 'PX', Math.ceil(ttlMs));
  }
}
