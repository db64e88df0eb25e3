import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import type { Config } from '../config';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { GrpcClientsModule } from './grpc/grpc-clients.module';
import { gatewayRedis } from './redis/gateway-redis';
import { IdempotencyStore } from './redis/idempotency.store';
import { LastGoodProductsStore } from './redis/last-good-products.store';
import { RedisKeys } from './redis/redis-keys';
import { RevokedTokensStore } from './redis/revoked-tokens.store';

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
