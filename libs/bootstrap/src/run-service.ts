import 'reflect-metadata';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { type GrpcServiceKey, grpcOptionsFor } from '@shop/contracts';
import { LoggingModule, MetricsModule, ShutdownSignal } from '@shop/observability';
import { activeTelemetry, readPackageVersion, startTelemetry, stopTelemetry } from '@shop/observability/telemetry';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { ServiceConfigModule } from './service-config.module.js';

/** What `runService` itself reads; every app's schema provides it (see `commonConfig` and `port`). */
export interface ServiceConfig {
  PORT: number;
  LOG_LEVEL: string;
  SHUTDOWN_TIMEOUT_MS: number;
}

export interface ServiceDefinition<Config extends ServiceConfig> {
  /** The logger's `service` field; the telemetry service name comes from the app's telemetry.ts. */
  name: string;
  configSchema: z.ZodType<Config>;
  /** The app's root module, given its validated configuration. */
  appModule: (config: Config) => Type | DynamicModule;
  /** Interface to listen on; all interfaces by default, as containers need. */
  host?: string;
  /** The gRPC API the app serves (its `.proto` service in libs/contracts) and the port, from its config. */
  grpc?: (config: Config) => { service: GrpcServiceKey; port: number };
  /** Last touches on the application before it listens (an OpenAPI document, HTTP settings). */
  configureApp?: (app: INestApplication, config: Config) => void | Promise<void>;
}

/**
 * Starts an app the same way everywhere: validated config, JSON logs carrying trace ids,
 * `/health` (from the app's HealthModule) and `/metrics`, HTTP listener, and a SIGTERM/SIGINT
 * handler that drains in-flight work and flushes telemetry within SHUTDOWN_TIMEOUT_MS.
 */
export async function runService<Config extends ServiceConfig>(definition: ServiceDefinition<Config>): Promise<INestApplication> {
  const config = loadConfig(definition.configSchema);
  const startedLate = !activeTelemetry();
  if (startedLate) startTelemetry({ serviceName: definition.name, serviceVersion: readPackageVersion(process.argv[1] ?? process.cwd()) });

  @Module({
    imports: [
      ServiceConfigModule.forRoot(config),
      LoggingModule.forRoot({ service: definition.name, level: config.LOG_LEVEL }),
      MetricsModule,
      definition.appModule(config),
    ],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  if (startedLate) {
    logger.warn('telemetry started after the app loaded, so HTTP, database and broker calls are not traced: make `import \'./telemetry.js\'` the first line of main.ts and import the app after it', 'Bootstrap');
  }
  drainOnSignal(app, logger, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await listen(app, definition, config, logger);
  } catch (error) {
    // One line an operator can act on, then a clean exit code for the orchestrator to restart on.
    logger.error(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`, 'Bootstrap');
    await stopTelemetry(1000).catch(() => undefined);
    process.exit(1);
  }
  return app;
}

async function listen<Config extends ServiceConfig>(app: INestApplication, definition: ServiceDefinition<Config>, config: Config, logger: Logger): Promise<void> {
  const host = definition.host ?? '0.0.0.0';
  await definition.configureApp?.(app, config);
  const grpc = definition.grpc?.(config);
  if (grpc) {
    app.connectMicroservice<MicroserviceOptions>({ transport: Transport.GRPC, options: grpcOptionsFor(grpc.service, `${host}:${grpc.port}`) }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    logger.log(`${definition.name} serving gRPC ${grpc.service} on port ${grpc.port}`, 'Bootstrap');
  }
  await app.listen(config.PORT, host);
  logger.log(`${definition.name} listening on port ${config.PORT}`, 'Bootstrap');
}

/** Kept back from the deadline for the last log lines and the exit itself. */
const TELEMETRY_FLUSH_MARGIN_MS = 100;

/**
 * Nest's own enableShutdownHooks closes the app but sets no deadline and no readiness flag,
 * so the handler is ours: flag not-ready, close (which runs every module's destroy hooks and
 * lets in-flight HTTP requests finish), flush telemetry with what is left of the deadline (the
 * spans of the drained work included), and exit, or exit anyway when the deadline passes.
 */
function drainOnSignal(app: INestApplication, logger: Logger, timeoutMs: number): void {
  let draining = false;
  const drain = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    logger.log(`${signal} received, draining (deadline ${timeoutMs} ms)`, 'Shutdown');
    app.get(ShutdownSignal, { strict: false }).begin();
    const deadline = setTimeout(() => {
      logger.error(`drain did not finish within ${timeoutMs} ms, exiting anyway`, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    const startedAt = Date.now();
    try {
      await app.close();
      // A collector that does not answer costs telemetry, never a clean exit.
      const telemetryBudgetMs = timeoutMs - (Date.now() - startedAt) - TELEMETRY_FLUSH_MARGIN_MS;
      if (!(await stopTelemetry(telemetryBudgetMs))) logger.warn('telemetry was not flushed before the deadline', 'Shutdown');
      logger.log('drained, exiting', 'Shutdown');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, 'Shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void drain(signal));
  process.once('SIGINT', (signal) => void drain(signal));
}
