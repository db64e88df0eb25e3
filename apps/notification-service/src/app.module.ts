import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, KafkaModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import type { Config } from './config';
import { MongoConnection } from './infrastructure/mongo.connection';
import { MongoModule } from './infrastructure/mongo.module';

const kafka = KafkaModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'notification-service', brokers: config.KAFKA_BROKERS }),
  inject: [SERVICE_CONFIG],
});

@Module({
  imports: [MongoModule, kafka, HealthModule.forRoot({ imports: [MongoModule, kafka], probes: [MongoConnection, KafkaConnection] })],
})
export class AppModule {}
