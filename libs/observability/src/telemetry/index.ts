// `@shop/observability/telemetry`: the one entry an app loads before anything else. It imports
// OpenTelemetry, zod and uninstrumented Node built-ins only; loading Nest, pino or a database
// driver here would defeat it.
export { activeTelemetry, RunningTelemetry, stopTelemetry } from './active-telemetry.js';
export { ExportedSpan } from './exported-span.js';
export { UNMATCHED_ROUTE } from './http-route-label.js';
export { readPackageVersion } from './package-version.js';
export { startTelemetry, TelemetryOptions } from './start-telemetry.js';
export { readTraceFile, spansOfTrace } from './trace-file-reader.js';
