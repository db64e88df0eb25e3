import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoggingModule } from '../logging/logging.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';

export type LogLine = Record<string, unknown> & { msg?: string };

export interface ProbeApp {
  app: INestApplication;
  url: string;
  /** Every line the app logged, parsed, in order: the real pino output, redaction included. */
  logs: LogLine[];
  rawLogs: string[];
  close(): Promise<void>;
}

/** A small Nest app wired like runService wires an app (pino logging, /metrics), on a free port. */
export async function startProbeApp(controllers: Type[], imports: (Type | DynamicModule)[] = []): Promise<ProbeApp> {
  const rawLogs: string[] = [];
  const destination = { write: (line: string) => void rawLogs.push(line) };

  @Module({
    imports: [LoggingModule.forRoot({ service: 'probe-app', level: 'info', destination }), MetricsModule, ...imports],
    controllers,
  })
  class ProbeAppModule {}

  const app = await NestFactory.create(ProbeAppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as LogLine);
    },
    close: () => app.close(),
  };
}

/** Polls until `find` returns something: spans end and lines are written just after a response. */
export async function eventually<T>(find: () => T | undefined, what: string, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
