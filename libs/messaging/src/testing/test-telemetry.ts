// Imported first by a spec, before kafkajs and pg load (as an app's telemetry.ts is), so their
// instrumentations patch them. Spans go to memory; each spec file runs in its own process.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTelemetry } from '@shop/observability/telemetry';

export const finishedSpans = new InMemorySpanExporter();

startTelemetry({
  serviceName: 'messaging-spec',
  serviceVersion: '0.0.0-test',
  spanProcessors: [new SimpleSpanProcessor({ exporter: finishedSpans })],
  env: { NODE_ENV: 'test', OTEL_TRACES_SAMPLER_ARG: '1' },
});
