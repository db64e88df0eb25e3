import { Module, type Provider } from '@nestjs/common';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, MessagingModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import { RedisConnection, RedisModule } from '@shop/redis';
import { GetUserQuery } from './application/get-user/get-user.query.js';
import { LogInHandler } from './application/log-in/log-in.handler.js';
import { AccessTokens } from './application/ports/access-tokens.js';
import { PasswordHasher } from './application/ports/password-hasher.js';
import { TokenDenylist } from './application/ports/token-denylist.js';
import { RegisterUserHandler } from './application/register-user/register-user.handler.js';
import { RevokeTokenHandler } from './application/revoke-token/revoke-token.handler.js';
import type { Config } from './config.js';
import { UserStore } from './application/ports/user.store.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { ScryptPasswordHasher, scryptParameters } from './infrastructure/password/scrypt-password-hasher.js';
import { PrismaUserStore } from './infrastructure/persistence/prisma-user.store.js';
import { accessTokenJwtOptions } from './infrastructure/tokens/access-token-jwt-options.js';
import { JwtAccessTokens } from './infrastructure/tokens/jwt-access-tokens.js';
import { RedisTokenDenylist } from './infrastructure/tokens/redis-token-denylist.js';
import { UserGrpcController } from './interface/grpc/user.grpc-controller.js';

/** Kafka, and the outbox relay that publishes what registration writes to the outbox. */
const messaging = MessagingModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'user-service', brokers: config.KAFKA_BROKERS, databaseUrl: config.DATABASE_URL }),
  inject: [SERVICE_CONFIG],
});

const redis = RedisModule.forRootAsync({ useFactory: (config: Config) => ({ url: config.REDIS_URL }), inject: [SERVICE_CONFIG] });

const jwt = JwtModule.registerAsync({
  useFactory: (config: Config) =>
    accessTokenJwtOptions({ privateKey: config.JWT_PRIVATE_KEY, publicKey: config.JWT_PUBLIC_KEY, ttlSeconds: config.JWT_TTL_SECONDS }),
  inject: [SERVICE_CONFIG],
});

const infrastructure = [DatabaseModule, messaging, redis];

/** The service's table of contents: every use case it offers. */
const useCases = [RegisterUserHandler, LogInHandler, RevokeTokenHandler, GetUserQuery];

/** The ports the use cases need, and what implements them. */
const adapters: Provider[] = [
  { provide: UserStore, useClass: PrismaUserStore },
  { provide: PasswordHasher, useFactory: (config: Config) => new ScryptPasswordHasher(scryptParameters(config.SCRYPT_PARALLELISM)), inject: [SERVICE_CONFIG] },
  {
    provide: AccessTokens,
    useFactory: (jwtService: JwtService, config: Config) => new JwtAccessTokens(jwtService, config.JWT_TTL_SECONDS),
    inject: [JwtService, SERVICE_CONFIG],
  },
  { provide: TokenDenylist, useClass: RedisTokenDenylist },
];

@Module({
  imports: [...infrastructure, jwt, HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection, RedisConnection] })],
  controllers: [UserGrpcController],
  providers: [...useCases, ...adapters],
})
export class AppModule {}
