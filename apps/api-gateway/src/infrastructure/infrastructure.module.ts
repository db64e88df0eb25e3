import { createPublicKey } from 'node:crypto';
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

/**
 * The key that verifies access tokens, parsed once: given as PEM text, jsonwebtoken parses it again
 * for every token (createPublicKey was a twentieth of the gateway's CPU under load). The other
 * verification options are passed on each call (AccessTokenVerifier), where the RS256 restriction
 * is visible.
 */
function jwtOptions(config: Config) {
  return { publicKey: createPublicKey(config.JWT_PUBLIC_KEY) };
}

/** What the gateway talks to: the four services over gRPC, Redis, and the key that verifies tokens. */
@Module({
  imports: [gatewayRedis, GrpcClientsModule, JwtModule.registerAsync({ inject: [SERVICE_CONFIG], useFactory: jwtOptions })],
  providers: [redisKeys, ...stores, AccessTokenVerifier],
  exports: [gatewayRedis, GrpcClientsModule, RedisKeys, ...stores, AccessTokenVerifier],
})
export class InfrastructureModule {}
