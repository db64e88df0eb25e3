// The service's composition: its configuration, its modules and the transports it serves.
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module.js';
import { configSchema } from './config.js';

export function startService() {
  return runService({
    name: 'payment-service',
    configSchema,
    appModule: () => AppModule,
    grpc: (config) => ({ service: 'payment', port: config.GRPC_PORT }),
  });
}
