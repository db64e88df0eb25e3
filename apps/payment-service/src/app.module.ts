import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { KafkaConnection, MessagingModule } from '@shop/messaging';
import { HealthModule } from '@shop/observability';
import { PostgresConnection } from '@shop/persistence';
import type { Config } from './config.js';
import { DatabaseModule } from './infrastructure/database.module.js';
import { PaymentGrpcController } from './interface/grpc/payment.grpc-controller.js';
import { PAYMENT_COMMANDS_SUBSCRIPTION, PaymentCommandsConsumer, paymentCommandsSubscription } from './interface/messaging/payment-commands.consumer.js';
import { PaymentsModule } from './payments.module.js';

const messaging = MessagingModule.forRootAsync({
  useFactory: (config: Config) => ({ clientId: 'payment-service', brokers: config.KAFKA_BROKERS, databaseUrl: config.DATABASE_URL }),
  inject: [SERVICE_CONFIG],
});

const infrastructure = [DatabaseModule, messaging];

@Module({
  imports: [...infrastructure, PaymentsModule, HealthModule.forRoot({ imports: infrastructure, probes: [PostgresConnection, KafkaConnection] })],
  controllers: [PaymentGrpcController],
  providers: [PaymentCommandsConsumer, { provide: PAYMENT_COMMANDS_SUBSCRIPTION, useValue: paymentCommandsSubscription }],
})
export class AppModule {}
