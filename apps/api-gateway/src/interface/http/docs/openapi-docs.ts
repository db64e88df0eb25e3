import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { HttpApiModule } from '../http-api.module.js';

export const DOCS_PATH = 'docs';

/**
 * The document, from the controllers' decorators and the zod schemas of their DTOs (nestjs-zod):
 * the schemas that validate requests and serialize responses are the ones documented. Components
 * are named after the DTO classes: a root `.meta({ id })` would be nicer, but with zod >= 4.5
 * nestjs-zod 5.5's cleanupOpenApiDoc refuses it ("Found multiple schemas", nestjs-zod issue 475).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Shop API')
    .setDescription(
      'The customer REST API of the shop. Money is in integer cents. Errors are `{statusCode, error, message}`. ' +
        'Every response carries `X-Trace-Id`, the OpenTelemetry trace of the request.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  // The public API only: /health and /metrics are for the platform, not for customers.
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { include: [HttpApiModule] }));
}

/** Serves Swagger UI at /docs and the document at /docs-json; called before the app listens. */
export function serveOpenApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app));
}
