import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions, normalizeIp } from '@nestjs/throttler';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { RedisConnection } from '@shop/redis';
import type { IncomingMessage } from 'node:http';
import type { Config } from '../../../config.js';
import { AccessTokenVerifier } from '../../../infrastructure/auth/access-token.verifier.js';
import { InfrastructureModule } from '../../../infrastructure/infrastructure.module.js';
import { RedisKeys } from '../../../infrastructure/redis/redis-keys.js';
import { FailOpenThrottlerStorage } from './fail-open.throttler-storage.js';

/**
 * A signed-in customer is limited by user id (all their devices share one budget), anyone else by
 * IP. Only the signature is checked here, not revocation: a logged-out token still names its user.
 */
export function rateLimitTracker(request: IncomingMessage & { ip?: string }, verifier: AccessTokenVerifier): string {
  const claims = verifier.verifyRequest(request);
  return claims ? `user:${claims.sub}` : `ip:${normalizeIp(request.ip ?? request.socket.remoteAddress ?? 'unknown')}`;
}

function rateLimitOptions(config: Config, redis: RedisConnection, keys: RedisKeys, verifier: AccessTokenVerifier): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', limit: config.RATE_LIMIT_MAX, ttl: config.RATE_LIMIT_WINDOW_MS }],
    storage: new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis.client)),
    getTracker: (request) => rateLimitTracker(request as IncomingMessage & { ip?: string }, verifier),
    generateKey: (_context, tracker, throttlerName) => keys.rateLimit(throttlerName, tracker),
    errorMessage: 'too many requests, retry after the number of seconds in Retry-After',
  };
}

/** RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS per client, counted in Redis so every gateway replica shares the count. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [InfrastructureModule],
      inject: [SERVICE_CONFIG, RedisConnection, RedisKeys, AccessTokenVerifier],
      useFactory: rateLimitOptions,
    }),
  ],
})
export class RateLimitModule {}
