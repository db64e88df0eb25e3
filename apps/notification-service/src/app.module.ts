import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, MessagingModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { MongoConnection } from '@shop/persistence';
import type { Config } from './config.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import {
  DEFAULT_ORDER_EVENTS_SUBSCRIPTION,
  ORDER_EVENTS_SUBSCRIPTION,
  OrderEventsConsumer,
} from './interface/messaging/order-events.consumer.js';
import { NotificationsModule } from './notifications.module.js';

// No database URL: this service consumes only, so it needs neither the outbox relay nor the SQL inbox.
const messaging = MessagingModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'notification-service', brokers: config.KAFKA_BROKERS }),
  inject: [SERVICE_CONFIG],
});

@Module({
  imports: [
    NotificationsModule,
    messaging,
    HealthModule.forRoot({ imports: [DatabaseModule, messaging], probes: [MongoConnection, KafkaConnection] }),
  ],
  providers: [OrderEventsConsumer, { provide: ORDER_EVENTS_SUBSCRIPTION, useValue: DEFAULT_ORDER_EVENTS_SUBSCRIPTION }],
})
export class AppModule {}
