// The service's core (NotificationsModule) in-process, configured like the real app but pointed at
// the test's own database, user-service stand-in and ports; optionally serving its gRPC API.
import type { DynamicModule, INestApplication, Provider, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { ServiceConfigModule } from '@shop/bootstrap';
import { grpcOptionsFor } from '@shop/contracts';
import { freePort } from '@shop/testing';
import { Clock } from '../application/ports/clock.js';
import { type Config, configSchema } from '../config.js';
import { NotificationsModule } from '../notifications.module.js';
import { SteppingClock } from './stepping-clock.js';

export interface NotificationTestAppOptions {
  mongoUrl: string;
  userGrpcUrl: string;
  /** Serve ListNotifications on a free port. */
  serveGrpc?: boolean;
  /** Other variables, e.g. SMTP_URL. */
  environment?: Record<string, string>;
  imports?: (Type | DynamicModule)[];
  providers?: Provider[];
}

export interface NotificationTestApp {
  app: INestApplication;
  config: Config;
  /** `127.0.0.1:<port>` of the gRPC API, when served. */
  grpcUrl: string;
  close(): Promise<void>;
}

export async function startNotificationTestApp(options: NotificationTestAppOptions): Promise<NotificationTestApp> {
  const grpcPort = options.serveGrpc ? await freePort() : 3055;
  const config = configSchema.parse({
    MONGO_URL: options.mongoUrl,
    USER_GRPC_URL: options.userGrpcUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`,
    GRPC_PORT: String(grpcPort),
    ...options.environment,
  });

  @Module({ imports: [ServiceConfigModule.forRoot(config), NotificationsModule, ...(options.imports ?? [])], providers: options.providers ?? [] })
  class NotificationTestModule {}

  const moduleRef = await Test.createTestingModule({ imports: [NotificationTestModule] })
    .overrideProvider(Clock)
    .useValue(new SteppingClock())
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  const grpcUrl = `127.0.0.1:${grpcPort}`;
  if (options.serveGrpc) {
    app.connectMicroservice({ transport: Transport.GRPC, options: grpcOptionsFor('notification', grpcUrl) }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.init();
  return { app, config, grpcUrl, close: () => app.close() };
}
