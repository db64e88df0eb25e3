import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, KafkaModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import { RedisConnection, RedisModule } from '@shop/redis';
import type { Config } from './config';
import { DatabaseModule } from './infrastructure/database.module';

const kafka = KafkaModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'user-service', brokers: config.KAFKA_BROKERS }),
  inject: [SERVICE_CONFIG],
});

const redis = RedisModule.forRootAsync({ useFactory: (config: Config) => ({ url: config.REDIS_URL }), inject: [SERVICE_CONFIG] });

const infrastructure = [DatabaseModule, kafka, redis];

@Module({
  imports: [...infrastructure, HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection, RedisConnection] })],
})
export class AppModule {}
