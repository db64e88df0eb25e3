export { HealthModule, HealthModuleOptions } from './health/health.module';
export { READINESS_PROBES, ReadinessProbe } from './health/readiness-probe';
export { ShutdownSignal } from './health/shutdown-signal';
export { LoggingModule, LoggingOptions, REDACTED_PATHS } from './logging/logging.module';
