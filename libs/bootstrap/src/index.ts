export { loadConfig, describeConfigError } from './config';
export { commonConfig, grpcUrl, kafkaBrokers, pemKey, logLevel, mongoUrl, port, postgresUrl, redisUrl } from './config-fields';
export { runService, ServiceConfig, ServiceDefinition } from './run-service';
export { SERVICE_CONFIG, ServiceConfigModule } from './service-config.module';
