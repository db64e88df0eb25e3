import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toExportedSpan } from './exported-span.js';

/**
 * Appends finished spans to a file, one JSON line each (OTEL_TRACES_FILE). The OpenTelemetry JS
 * SDK has no file exporter (only OTLP, Zipkin, console and in-memory), and the native stack has
 * no trace backend: this file is how its end-to-end tests and the demo follow one order through
 * every service.
 *
 * Batches are written one after another (a promise chain), so lines of two batches never
 * interleave and a flush or shutdown waits for every write already started.
 */
export class SpanFileExporter implements SpanExporter {
  private writes: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(private readonly path: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const lines = spans.map((span) => `${JSON.stringify(toExportedSpan(span))}\n`).join('');
    this.writes = this.writes.then(() => this.append(lines));
    // Always SUCCESS: a batch that cannot be written is dropped on purpose (the file is a
    // development aid, never worth slowing the app), and reported once by append(). FAILED would
    // make the SDK log the same error again at every batch.
    void this.writes.then(() => resultCallback({ code: ExportResultCode.SUCCESS }));
  }

  forceFlush(): Promise<void> {
    return this.writes;
  }

  shutdown(): Promise<void> {
    return this.writes;
  }

  private async append(lines: string): Promise<void> {
    try {
      // Every time, not once: the folder may be removed while the app runs (a test cleaning up).
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, lines);
      this.failing = false;
    } catch (error) {
      // Once per outage, not once per batch: the same warning every second would bury the logs.
      if (!this.failing) diag.warn(`Cannot write spans to OTEL_TRACES_FILE ${this.path}; dropping them until it works again:`, error);
      this.failing = true;
    }
  }
}

/** Writes spans about once a second: soon enough for a test polling the file, cheap for the app. */
export function spanFileProcessor(path: string): SpanProcessor {
  return new BatchSpanProcessor({ exporter: new SpanFileExporter(path), scheduledDelayMillis: 1_000 });
}
