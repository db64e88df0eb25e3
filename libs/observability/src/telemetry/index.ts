// `@shop/observability/telemetry`: the one entry an app loads before anything else. It imports
// OpenTelemetry, zod and uninstrumented Node built-ins only; loading Nest, pino or a database
// driver here would defeat it.
export { activeTelemetry, RunningTelemetry, stopTelemetry } from './active-telemetry';
export { ExportedSpan } from './exported-span';
export { UNMATCHED_ROUTE } from './http-route-label';
export { readPackageVersion } from './package-version';
export { startTelemetry, TelemetryOptions } from './start-telemetry';
export { readTraceFile, spansOfTrace } from './trace-file-reader';
