import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, KafkaModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import type { Config } from './config';
import { DatabaseModule } from './infrastructure/database.module';

const kafka = KafkaModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'payment-service', brokers: config.KAFKA_BROKERS }),
  inject: [SERVICE_CONFIG],
});

const infrastructure = [DatabaseModule, kafka];

@Module({
  imports: [...infrastructure, HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection] })],
})
export class AppModule {}
