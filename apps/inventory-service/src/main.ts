import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({
  name: 'inventory-service',
  configSchema,
  appModule: () => AppModule,
  grpc: (config) => ({ service: 'inventory', port: config.GRPC_PORT }),
});
