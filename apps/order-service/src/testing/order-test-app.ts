// The service's use cases, stores and gRPC API in-process on a throw-away database: everything of
// AppModule except the Kafka consumer of the real reply topic and the deadline scheduler (tests
// drive replies and sweeps themselves) and the outbox relay (messages stay in the outbox table,
// where the tests read them, instead of reaching the running stack's services).
import { type INestApplication, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { ServiceConfigModule } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import { MessagingModule } from '@shop/messaging';
import { MetricsModule } from '@shop/observability';
import { freePort, stackTopology } from '@shop/testing';
import { ExpireSagaDeadlinesHandler } from '../application/expire-saga-deadlines/expire-saga-deadlines.handler.js';
import { HandleSagaReplyHandler } from '../application/handle-saga-reply/handle-saga-reply.handler.js';
import { PlaceOrderHandler } from '../application/place-order/place-order.handler.js';
import { type Config, configSchema } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { OrderGrpcController } from '../interface/grpc/order.grpc-controller.js';
import { OrdersModule } from '../orders.module.js';

export interface OrderTestApp {
  app: INestApplication;
  config: Config;
  grpcUrl: string;
  /** Where GET /metrics answers. */
  httpUrl: string;
  prisma: PrismaClient;
  placeOrder: PlaceOrderHandler;
  replies: HandleSagaReplyHandler;
  sweeper: ExpireSagaDeadlinesHandler;
  close(): Promise<void>;
}

export interface OrderTestAppOptions {
  databaseUrl: string;
  inventoryUrl: string;
  settings?: Record<string, string>;
  logger?: LoggerService | false;
}

export async function startOrderTestApp(options: OrderTestAppOptions): Promise<OrderTestApp> {
  const grpcPort = await freePort();
  const config = configSchema.parse({
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: (await stackTopology()).kafkaBrokers,
    INVENTORY_GRPC_URL: options.inventoryUrl,
    GRPC_PORT: String(grpcPort),
    // A failing catalog answers within a second instead of five.
    INVENTORY_GRPC_DEADLINE_MS: '1000',
    ...options.settings,
  });

  @Module({
    imports: [
      ServiceConfigModule.forRoot(config),
      // No databaseUrl: no outbox relay (see the top of this file); the inbox and the outbox work as in the app.
      MessagingModule.forRootAsync({ useFactory: () => ({ clientId: 'order-service-test', brokers: config.KAFKA_BROKERS }) }),
      MetricsModule,
      OrdersModule,
    ],
    controllers: [OrderGrpcController],
  })
  class OrderTestModule {}

  const app = await NestFactory.create(OrderTestModule, { logger: options.logger ?? false });
  const grpcUrl = `127.0.0.1:${grpcPort}`;
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.GRPC, options: grpcOptionsFor('order', grpcUrl) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    grpcUrl,
    httpUrl: await app.getUrl(),
    prisma: app.get(PrismaClient),
    placeOrder: app.get(PlaceOrderHandler),
    replies: app.get(HandleSagaReplyHandler),
    sweeper: app.get(ExpireSagaDeadlinesHandler),
    close: () => app.close(),
  };
}
