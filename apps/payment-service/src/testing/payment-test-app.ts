// The service's use cases, store, card gateway and gRPC API in-process, on a throw-away database:
// everything of AppModule except the Kafka consumer of the real command topic (the running stack's
// payment-service owns that) and the outbox relay (replies stay in the outbox table, where the
// tests read them, instead of reaching the stack's order service).
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { ServiceConfigModule } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import { MessagingModule } from '@shop/messaging';
import { ResiliencePolicies, type ResiliencePolicy } from '@shop/resilience';
import { freePort, stackTopology } from '@shop/testing';
import { AuthorizePaymentHandler } from '../application/authorize-payment/authorize-payment.handler.js';
import { CapturePaymentHandler } from '../application/capture-payment/capture-payment.handler.js';
import { VoidPaymentHandler } from '../application/void-payment/void-payment.handler.js';
import { type Config, configSchema } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { CardGatewaySimulator } from '../infrastructure/card-gateway/card-gateway.simulator.js';
import { PAYMENT_GATEWAY_POLICY } from '../infrastructure/card-gateway/payment-gateway.policy.js';
import { PaymentGrpcController } from '../interface/grpc/payment.grpc-controller.js';
import { PaymentsModule } from '../payments.module.js';

/**
 * Short budgets so a test runs in milliseconds. The slow card takes an hour: an authorization
 * that waited for it instead of timing out would hang its test until the runner's timeout.
 */
export const FAST_GATEWAY_SETTINGS = {
  PAYMENT_GATEWAY_TIMEOUT_MS: '100',
  PAYMENT_GATEWAY_DEADLINE_MS: '300',
  PAYMENT_GATEWAY_RETRY_DELAY_MS: '10',
  CARD_GATEWAY_SLOW_MS: String(60 * 60 * 1000),
};

export interface PaymentTestApp {
  app: INestApplication;
  config: Config;
  grpcUrl: string;
  prisma: PrismaClient;
  simulator: CardGatewaySimulator;
  policy: ResiliencePolicy;
  authorize: AuthorizePaymentHandler;
  capture: CapturePaymentHandler;
  void: VoidPaymentHandler;
  close(): Promise<void>;
}

export async function startPaymentTestApp(databaseUrl: string, settings: Record<string, string> = {}): Promise<PaymentTestApp> {
  const grpcPort = await freePort();
  const config = configSchema.parse({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: (await stackTopology()).kafkaBrokers,
    GRPC_PORT: String(grpcPort),
    ...FAST_GATEWAY_SETTINGS,
    ...settings,
  });

  @Module({
    imports: [
      ServiceConfigModule.forRoot(config),
      // No databaseUrl: no outbox relay (see the top of this file); the inbox and the outbox work as in the app.
      MessagingModule.forRootAsync({ useFactory: () => ({ clientId: 'payment-service-test', brokers: config.KAFKA_BROKERS }) }),
      PaymentsModule,
    ],
    controllers: [PaymentGrpcController],
  })
  class PaymentTestModule {}

  const app = await NestFactory.create(PaymentTestModule, { logger: false });
  const grpcUrl = `127.0.0.1:${grpcPort}`;
  app.connectMicroservice<MicroserviceOptions>({ transport: Transport.GRPC, options: grpcOptionsFor('payment', grpcUrl) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.init();
  return {
    app,
    config,
    grpcUrl,
    prisma: app.get(PrismaClient),
    simulator: app.get(CardGatewaySimulator),
    policy: app.get(ResiliencePolicies).get(PAYMENT_GATEWAY_POLICY),
    authorize: app.get(AuthorizePaymentHandler),
    capture: app.get(CapturePaymentHandler),
    void: app.get(VoidPaymentHandler),
    close: () => app.close(),
  };
}
