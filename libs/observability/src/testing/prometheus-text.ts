import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { activeTelemetry } from '../telemetry/active-telemetry.js';

/** What `GET /metrics` would answer right now, without an HTTP server. */
export async function prometheusText(): Promise<string> {
  const exporter = activeTelemetry()?.prometheus;
  if (!exporter) throw new Error('telemetry is not started');
  const { resourceMetrics } = await exporter.collect();
  return new PrometheusSerializer().serialize(resourceMetrics);
}

/** Sample lines of one metric (e.g. `orders_total`), without HELP/TYPE comments. */
export function samplesOf(text: string, metric: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));
}
