import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Paths whose values never reach a log line, whatever a handler logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.paymentToken',
];

/**
 * Structured JSON logs through pino. nestjs-pino keeps the request's logger in AsyncLocalStorage,
 * so concurrent requests never share log context.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Probes and scrapes are polled every few seconds; logging them would drown everything else.
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
          },
        }),
      ],
    };
  }
}
