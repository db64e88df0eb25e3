import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({
  name: 'payment-service',
  configSchema,
  appModule: () => AppModule,
  grpc: (config) => ({ service: 'payment', port: config.GRPC_PORT }),
});
