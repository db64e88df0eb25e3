import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CorrelationIdMiddleware } from './correlation-id.middleware.js';
import { traceLogFields } from './trace-log-fields.js';

export interface LoggingOptions {
  service: string;
  level: string;
  /** Where lines go; stdout when absent. Tests capture the real output here. */
  destination?: DestinationStream;
}

/** Paths whose values never reach a log line, whatever a handler logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  // A secret logged at the top level (`logger.info({ token })`) or one level down (`{ user: { password } }`).
  'password',
  'passwordHash',
  'accessToken',
  'refreshToken',
  'token',
  'paymentToken',
  'authorization',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.paymentToken',
  '*.authorization',
  '*.headers.authorization',
];

/**
 * Structured JSON logs through pino. nestjs-pino keeps the request's logger in AsyncLocalStorage,
 * so concurrent requests never share log context; every line also carries trace_id, span_id and
 * correlationId when there are any.
 */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const pinoOptions = {
      level: options.level,
      base: { service: options.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: traceLogFields,
      // Probes and scrapes are polled every few seconds; logging them would drown everything else.
      autoLogging: { ignore: (req: { url?: string }) => /^\/(health|metrics)/.test(req.url ?? '') },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: options.destination ? [pinoOptions, options.destination] : pinoOptions })],
      providers: [CorrelationIdMiddleware],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationIdMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
