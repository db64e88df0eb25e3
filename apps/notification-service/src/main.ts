import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({
  name: 'notification-service',
  configSchema,
  appModule: () => AppModule,
  grpc: (config) => ({ service: 'notification', port: config.GRPC_PORT }),
});
