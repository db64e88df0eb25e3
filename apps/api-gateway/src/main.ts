import './telemetry';
import { runService } from '@shop/bootstrap';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configSchema } from './config';
import { serveOpenApiDocs } from './interface/http/docs/openapi-docs';

void runService({
  name: 'api-gateway',
  configSchema,
  appModule: () => AppModule,
  configureApp: (app) => {
    (app as NestExpressApplication).disable('x-powered-by');
    serveOpenApiDocs(app);
  },
});
