import type { ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * Duration histograms whose Prometheus names should end in their unit. The Prometheus exporter
 * of this SDK line writes `# UNIT` but no `_seconds` suffix, while Prometheus conventions and
 * the collector's own exporter use one; renaming the stream keeps `/metrics` and the collector
 * path on the same names (`http_server_request_duration_seconds_bucket`).
 */
const SECONDS_HISTOGRAMS = [
  'http.server.request.duration',
  'http.client.request.duration',
  'rpc.server.call.duration',
  'db.client.operation.duration',
  'messaging.client.operation.duration',
  'messaging.process.duration',
];

export function metricViews(): ViewOptions[] {
  return SECONDS_HISTOGRAMS.map((instrumentName) => ({ instrumentName, name: `${instrumentName}_seconds` }));
}
