// Started by start-telemetry.spec in a process of its own: starts telemetry from the environment,
// as an app does, ends one span, then stops telemetry within FLUSH_TIMEOUT_MS, reports, and exits
// as runService does (an export still waiting on a stalled collector would keep the process up).
import { startTelemetry, stopTelemetry } from '../telemetry/index.js';
import { trace } from '@opentelemetry/api';

startTelemetry({ serviceName: 'export-fixture', serviceVersion: '1.2.3' });
trace.getTracer('fixture').startSpan('exported work').end();
const started = Date.now();
void stopTelemetry(Number(process.env.FLUSH_TIMEOUT_MS ?? 2_000)).then((flushed) => {
  process.stdout.write(JSON.stringify({ flushed, elapsedMs: Date.now() - started }), () => process.exit(0));
});
