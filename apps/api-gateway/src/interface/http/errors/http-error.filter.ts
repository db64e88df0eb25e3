import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { errorBody } from './error-body.js';
import { httpErrorOf } from './http-error.mapping.js';

/**
 * Every error response of the gateway goes through here, whoever threw: a controller, a guard, a
 * pipe, the rate limiter, body parsing, or Nest's own 404 for an unknown route. The client gets
 * `{statusCode, error, code, message}`; server-side detail goes to the log only.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const context = host.switchToHttp();
    const request = context.getRequest<IncomingMessage>();
    const response = context.getResponse<{ headersSent?: boolean }>();

    // /health/ready's 503 carries terminus's report of which dependency is down: operators read it.
    if (exception instanceof HttpException && request.url?.startsWith('/health/')) {
      httpAdapter.reply(response, exception.getResponse(), exception.getStatus());
      return;
    }

    const error = httpErrorOf(exception);
    const summary = `${request.method} ${request.url} answered ${error.status}`;
    if (error.status >= 500) this.logger.error(`${summary}: ${error.detail ?? error.message}`);
    else if (error.detail) this.logger.debug(`${summary}: ${error.detail}`);
    if (response.headersSent) return;
    httpAdapter.reply(response, errorBody(error.status, error.code, error.message), error.status);
  }
}
