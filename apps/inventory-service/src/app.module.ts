import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, MessagingModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import { RedisConnection } from '@shop/redis';
import { CatalogModule } from './catalog.module.js';
import type { Config } from './config.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { CacheRedisModule } from './infrastructure/redis.module.js';
import { InventoryCommandsConsumer } from './interface/messaging/inventory-commands.consumer.js';
import { ReservationExpiryScheduler } from './interface/scheduling/reservation-expiry.scheduler.js';
import { ReservationsModule } from './reservations.module.js';

/** Kafka consumers and the outbox relay (which publishes the replies the handlers write). */
const messaging = MessagingModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'inventory-service', brokers: config.KAFKA_BROKERS, databaseUrl: config.DATABASE_URL }),
  inject: [SERVICE_CONFIG],
});

const infrastructure = [DatabaseModule, messaging, CacheRedisModule];

@Module({
  imports: [
    ...infrastructure,
    CatalogModule,
    ReservationsModule,
    HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection, RedisConnection] }),
  ],
  providers: [InventoryCommandsConsumer, ReservationExpiryScheduler],
})
export class AppModule {}
