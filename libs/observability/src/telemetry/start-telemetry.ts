import { diag, DiagLogLevel } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import { loadConfig } from '../config/load-config.js';
import { activeTelemetry, setActiveTelemetry, type RunningTelemetry } from './active-telemetry.js';
import { jsonDiagLogger } from './json-diag-logger.js';
import { hookModuleLoading } from './module-hooks.js';
import { buildNodeSdk } from './node-sdk.js';
import { telemetryConfigSchema } from './telemetry-config.js';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion: string;
  /** Tests only: replaces the exporting span processors, e.g. with an in-memory exporter. */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts OpenTelemetry (traces, metrics, context propagation) for this process. Must run before
 * http, express, pg, kafkajs, ioredis, mongodb or grpc are first imported, since instrumentations
 * patch modules as they load: each app's `telemetry.ts` is the first import of its `main.ts`, which
 * imports the app itself only after it.
 * Calling it again returns the telemetry already running.
 */
export function startTelemetry(options: TelemetryOptions): RunningTelemetry {
  const running = activeTelemetry();
  if (running) return running;
  const config = loadConfig(telemetryConfigSchema, options.env);
  if (config.OTEL_SDK_DISABLED) {
    const disabled: RunningTelemetry = { serviceName: options.serviceName, shutdown: async () => undefined };
    setActiveTelemetry(disabled);
    return disabled;
  }
  diag.setLogger(jsonDiagLogger(options.serviceName), DiagLogLevel.WARN);
  hookModuleLoading();
  // Served by the app's own HTTP server at GET /metrics (MetricsModule), not on a port of its own.
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const sdk = buildNodeSdk({ ...options, config, prometheus });
  sdk.start();
  const telemetry: RunningTelemetry = { serviceName: options.serviceName, prometheus, shutdown: () => sdk.shutdown() };
  setActiveTelemetry(telemetry);
  return telemetry;
}
