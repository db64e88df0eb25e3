// Imported first by a spec, before Nest, express, grpc or pg load, as an app's telemetry.ts is.
// Spans go to memory instead of a collector; each spec file runs in its own process.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTelemetry } from '../telemetry/start-telemetry.js';

export const finishedSpans = new InMemorySpanExporter();

startTelemetry({
  serviceName: 'observability-spec',
  serviceVersion: '0.0.0-test',
  spanProcessors: [new SimpleSpanProcessor({ exporter: finishedSpans })],
  env: { NODE_ENV: 'test', OTEL_TRACES_SAMPLER_ARG: '1' },
});
