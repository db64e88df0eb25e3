// The loader lives in libs/observability so the telemetry entry can validate its variables before
// Nest loads; apps keep importing it from here, with the rest of their start-up kit.
export { describeConfigError, loadConfig } from '@shop/observability';
