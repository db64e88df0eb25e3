import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({
  name: 'order-service',
  configSchema,
  appModule: () => AppModule,
  grpc: (config) => ({ service: 'order', port: config.GRPC_PORT }),
});
