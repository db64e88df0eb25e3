import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({
  name: 'user-service',
  configSchema,
  appModule: () => AppModule,
  grpc: (config) => ({ service: 'user', port: config.GRPC_PORT }),
});
