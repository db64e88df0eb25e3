import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, MessagingModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import type { Config } from './config.js';
import { RepliesBacklog } from './application/ports/replies-backlog.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { KafkaRepliesBacklog } from './infrastructure/messaging/kafka-replies-backlog.js';
import { OrderGrpcController } from './interface/grpc/order.grpc-controller.js';
import { SAGA_REPLIES_SUBSCRIPTION, SagaRepliesConsumer, sagaRepliesSubscription } from './interface/messaging/saga-replies.consumer.js';
import { SagaDeadlineScheduler } from './interface/scheduling/saga-deadline.scheduler.js';
import { OrdersModule } from './orders.module.js';

const messaging = MessagingModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'order-service', brokers: config.KAFKA_BROKERS, databaseUrl: config.DATABASE_URL }),
  inject: [SERVICE_CONFIG],
});

const infrastructure = [DatabaseModule, messaging];

/** What drives the saga besides gRPC: replies from Kafka and the deadline sweeper. */
const sagaDrivers = [
  SagaRepliesConsumer,
  { provide: SAGA_REPLIES_SUBSCRIPTION, useValue: sagaRepliesSubscription },
  SagaDeadlineScheduler,
  { provide: RepliesBacklog, inject: [KafkaConnection], useFactory: (kafka: KafkaConnection) => new KafkaRepliesBacklog(kafka, sagaRepliesSubscription) },
];

@Module({
  imports: [...infrastructure, OrdersModule, HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection] })],
  controllers: [OrderGrpcController],
  providers: [...sagaDrivers],
})
export class AppModule {}
