import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import type { Config } from '../config.js';
import { AccessTokenVerifier } from './auth/access-token.verifier.js';
import { GrpcClientsModule } from './grpc/grpc-clients.module.js';
import { gatewayRedis } from './redis/gateway-redis.js';
import { IdempotencyStore } from './redis/idempotency.store.js';
import { LastGoodProductsStore } from './redis/last-good-products.store.js';
import { RedisKeys } from './redis/redis-keys.js';
import { RevokedTokensStore } from './redis/revoked-tokens.store.js';

const redisKeys = { provide: RedisKeys, useFactory: (config: Config) => new RedisKeys(config.REDIS_KEY_PREFIX), inject: [SERVICE_CONFIG] };
const stores = [IdempotencyStore, LastGoodProductsStore, RevokedTokensStore];

/** What the gateway talks to: the four services over gRPC, Redis, and the key that verifies tokens. */
@Module({
  // Verification options are passed on each call (AccessTokenVerifier), where the RS256 restriction is visible.
  imports: [gatewayRedis, GrpcClientsModule, JwtModule.register({})],
  providers: [redisKeys, ...stores, AccessTokenVerifier],
  exports: [gatewayRedis, GrpcClientsModule, RedisKeys, ...stores, AccessTokenVerifier],
})
export class InfrastructureModule {}
