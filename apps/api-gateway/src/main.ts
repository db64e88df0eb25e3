import './telemetry';
import { runService } from '@shop/bootstrap';
import { AppModule } from './app.module';
import { configSchema } from './config';

void runService({ name: 'api-gateway', configSchema, appModule: () => AppModule });
