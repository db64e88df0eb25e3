// Imported first by a spec that reads metrics: the OpenTelemetry SDK with its Prometheus exporter,
// as the app's telemetry.ts starts it, so GET /metrics answers. Each spec file runs in its own process.
import { startTelemetry } from '@shop/observability/telemetry';

startTelemetry({ serviceName: 'order-service-test', serviceVersion: '0.0.0-test', env: { NODE_ENV: 'test', OTEL_TRACES_SAMPLER_ARG: '1' } });
