import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { type IMetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { hostname } from 'node:os';
import { instrumentations } from './instrumentations.js';
import { metricViews } from './metric-views.js';
import { traceSampler } from './root-span-sampler.js';
import { spanFileProcessor } from './span-file-exporter.js';
import type { TelemetryConfig } from './telemetry-config.js';

export interface NodeSdkParts {
  serviceName: string;
  serviceVersion: string;
  config: TelemetryConfig;
  prometheus: PrometheusExporter;
  /** Replace the span processors chosen from the configuration (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

// Incubating attribute names, spelled out rather than imported from the unstable entry point.
/** `deployment.environment.name` (semantic conventions 1.27+; `deployment.environment` before). */
const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
const ATTR_HOST_NAME = 'host.name';

export function buildNodeSdk(parts: NodeSdkParts): NodeSDK {
  const endpoint = parts.config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const metricReaders: IMetricReader[] = [parts.prometheus];
  if (endpoint) {
    metricReaders.push(new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }) }));
  }
  return new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: parts.serviceName,
      [ATTR_SERVICE_VERSION]: parts.serviceVersion,
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: parts.config.NODE_ENV,
      [ATTR_HOST_NAME]: hostname(),
    }),
    // OTEL_RESOURCE_ATTRIBUTES only: the default process and host detectors put the command line
    // and pid on every scrape's target_info, and the host detector settles asynchronously.
    resourceDetectors: [envDetector],
    instrumentations: instrumentations(),
    sampler: traceSampler(parts.config.OTEL_TRACES_SAMPLER_ARG),
    spanProcessors: parts.spanProcessors ?? exportingSpanProcessors(parts.config),
    metricReaders,
    views: metricViews(),
    // Logs go to stdout as JSON (pino); an empty list stops the SDK from exporting them by OTLP.
    logRecordProcessors: [],
  });
}

/** OTLP to the collector and/or lines in OTEL_TRACES_FILE, as configured. */
function exportingSpanProcessors(config: TelemetryConfig): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }) }));
  if (config.OTEL_TRACES_FILE) processors.push(spanFileProcessor(config.OTEL_TRACES_FILE));
  // With neither, spans are still recorded (so logs carry real trace ids and the context propagates
  // downstream) and then dropped by a processor that exports nothing. An empty list would not do:
  // the SDK then registers no tracer provider at all.
  return processors.length > 0 ? processors : [new NoopSpanProcessor()];
}
