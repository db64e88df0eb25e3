import type { LoggerService } from '@nestjs/common';

export interface LogCall {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  message: unknown;
  params: unknown[];
}

/** A Nest logger that keeps every call, so a test can check what an operator would read. */
export class RecordingLogger implements LoggerService {
  readonly calls: LogCall[] = [];
  log(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'log', message, params });
  }
  error(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'error', message, params });
  }
  warn(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'warn', message, params });
  }
  debug(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'debug', message, params });
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'verbose', message, params });
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.calls.push({ level: 'fatal', message, params });
  }
}
