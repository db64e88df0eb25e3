export { loadConfig, describeConfigError } from './config.js';
export { commonConfig, grpcUrl, kafkaBrokers, pemKey, logLevel, mongoUrl, port, postgresUrl, redisUrl } from './config-fields.js';
export { runService, ServiceConfig, ServiceDefinition } from './run-service.js';
export { SERVICE_CONFIG, ServiceConfigModule } from './service-config.module.js';
export { PeriodicTask } from './periodic-task.js';
