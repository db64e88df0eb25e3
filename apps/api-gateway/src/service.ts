// The service's composition: its configuration, its modules and the transports it serves.
import { runService } from '@shop/bootstrap';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configSchema } from './config.js';
import { serveOpenApiDocs } from './interface/http/docs/openapi-docs.js';

export function startService() {
  return runService({
    name: 'api-gateway',
    configSchema,
    appModule: () => AppModule,
    configureApp: (app) => {
      (app as NestExpressApplication).disable('x-powered-by');
      serveOpenApiDocs(app);
    },
  });
}
