import { diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type DiagLogger } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { spanFileProcessor } from './span-file-exporter.js';
import { readTraceFile } from './trace-file-reader.js';

const folder = mkdtempSync(join(tmpdir(), 'span-file-exporter-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function providerWritingTo(path: string): TracerProvider {
  return new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'file-spec' }), spanProcessors: [spanFileProcessor(path)] });
}

/** Records the SDK's own warnings, as jsonDiagLogger would print them. */
function capturedWarnings(): string[] {
  const warnings: string[] = [];
  const record = (message: string, ...args: unknown[]) => warnings.push([message, ...args.map(String)].join(' '));
  const logger: DiagLogger = { error: record, warn: record, info: () => undefined, debug: () => undefined, verbose: () => undefined };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return warnings;
}

describe('SpanFileExporter', () => {
  it('appends each finished span as one JSON line, with its parent, service, kind, status and scalar attributes', async () => {
    const path = join(folder, 'not-yet-created', 'order-service.jsonl');
    const provider = providerWritingTo(path);
    const tracer = provider.getTracer('spec');
    // A request arriving from another service: its parent is remote.
    const remoteParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED, isRemote: true });
    const server = tracer.startSpan('POST /api/v1/orders', { kind: SpanKind.SERVER, attributes: { 'http.route': '/api/v1/orders', 'http.response.status_code': 202, retried: false, tags: ['a', 'b'] } }, remoteParent);
    const query = tracer.startSpan('pg.query:INSERT order_service', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, server));
    query.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock detected' });
    query.end();
    server.end();
    await provider.shutdown();

    const raw = readFileSync(path, 'utf8');
    assert.equal(raw.split('\n').length, 3, 'two lines, each ending with a newline');
    const [first, second] = readTraceFile([path]);
    assert.ok(first && second);
    const serverSpanId = server.spanContext().spanId;
    assert.deepEqual({ ...first, startTime: undefined, durationMs: undefined }, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: query.spanContext().spanId,
      parentSpanId: serverSpanId,
      name: 'pg.query:INSERT order_service',
      kind: 'CLIENT',
      service: 'file-spec',
      startTime: undefined,
      durationMs: undefined,
      status: { code: 'ERROR', message: 'deadlock detected' },
      attributes: {},
    });
    assert.equal(second.spanId, serverSpanId);
    assert.equal(second.parentSpanId, '00f067aa0ba902b7');
    assert.equal(second.kind, 'SERVER');
    assert.deepEqual(second.status, { code: 'UNSET' });
    assert.deepEqual(second.attributes, { 'http.route': '/api/v1/orders', 'http.response.status_code': 202, retried: false });
    assert.ok(!Number.isNaN(Date.parse(second.startTime)) && second.startTime.endsWith('Z'), `startTime ${second.startTime} is not ISO 8601`);
    assert.ok(second.durationMs >= first.durationMs, 'the server span lasts at least as long as the query inside it');
  });

  it('marks the root span of a trace with a null parent', async () => {
    const path = join(folder, 'root.jsonl');
    const provider = providerWritingTo(path);
    provider.getTracer('spec').startSpan('outbox relay', {}, ROOT_CONTEXT).end();
    await provider.shutdown();
    assert.equal(readTraceFile([path])[0]?.parentSpanId, null);
  });

  it('drops spans it cannot write, warns once through the diag logger, and writes again once it can', async () => {
    const warnings = capturedWarnings();
    // A regular file where the folder should be: unwritable even for root.
    const blocker = join(folder, 'blocked');
    writeFileSync(blocker, 'not a folder');
    const path = join(blocker, 'inventory-service.jsonl');
    const provider = providerWritingTo(path);
    const tracer = provider.getTracer('spec');
    for (const name of ['first lost', 'second lost', 'third lost']) {
      tracer.startSpan(name).end();
      await provider.forceFlush();
    }
    const aboutTheFile = warnings.filter((warning) => warning.includes('OTEL_TRACES_FILE'));
    assert.equal(aboutTheFile.length, 1, warnings.join('\n'));
    assert.ok(aboutTheFile[0]?.includes(path), aboutTheFile[0]);

    rmSync(blocker);
    tracer.startSpan('written').end();
    await provider.shutdown();
    assert.deepEqual(readTraceFile([path]).map((span) => span.name), ['written']);
  });
});

describe('startTelemetry with OTEL_TRACES_FILE', () => {
  const fixture = join(import.meta.dirname, '..', 'testing', 'export-one-span.fixture.js');

  async function runFixture(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [fixture], { env: { PATH: process.env.PATH, OTEL_TRACES_SAMPLER_ARG: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    return { code, stdout, stderr };
  }

  it('writes the app spans to the file, without a collector, and flushes them when telemetry stops', async () => {
    const path = join(folder, 'traces', 'export-fixture.jsonl');
    const result = await runFixture({ OTEL_TRACES_FILE: path });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).flushed, true);
    const spans = readTraceFile([path]);
    assert.deepEqual(
      spans.map(({ name, service, kind }) => ({ name, service, kind })),
      [{ name: 'exported work', service: 'export-fixture', kind: 'INTERNAL' }],
    );
  });

  it('stops the process with one line when OTEL_TRACES_FILE names a folder', async () => {
    const result = await runFixture({ OTEL_TRACES_FILE: `${folder}/traces/` });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'Invalid configuration: OTEL_TRACES_FILE must be a file path like .local/traces/order-service.jsonl\n');
  });
});
