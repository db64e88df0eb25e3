import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const fixture = join(import.meta.dirname, '..', 'testing', 'export-one-span.fixture.js');

interface Received {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A stand-in OTLP/HTTP receiver: answers 200 to every export, or (stalled) never answers. */
async function fakeCollector(stalled = false): Promise<{ endpoint: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ path: request.url ?? '', contentType: request.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
    if (!stalled) response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

async function runFixture(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [fixture], { env: { PATH: process.env.PATH, OTEL_TRACES_SAMPLER_ARG: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

describe('startTelemetry', () => {
  const servers: Server[] = [];
  after(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('exports spans as OTLP/HTTP protobuf to OTEL_EXPORTER_OTLP_ENDPOINT and flushes them on stop', async () => {
    const collector = await fakeCollector();
    servers.push(collector.server);
    const result = await runFixture({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.endpoint}/` });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).flushed, true);
    const traces = collector.received.find((request) => request.path === '/v1/traces');
    assert.ok(traces, `no trace export among ${collector.received.map((request) => request.path).join(', ')}`);
    assert.equal(traces.contentType, 'application/x-protobuf');
    for (const text of ['export-fixture', '1.2.3', 'exported work']) assert.ok(traces.body.includes(text), `the export lacks "${text}"`);
  });

  it('gives up flushing when the collector does not answer within the time it is given', async () => {
    const collector = await fakeCollector(true);
    servers.push(collector.server);
    const result = await runFixture({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, FLUSH_TIMEOUT_MS: '300' });
    const report = JSON.parse(result.stdout) as { flushed: boolean; elapsedMs: number };
    assert.equal(report.flushed, false);
    assert.ok(report.elapsedMs < 2_000, `stop took ${report.elapsedMs} ms`);
  });

  it('sends nothing when OTEL_SDK_DISABLED=true', async () => {
    const collector = await fakeCollector();
    servers.push(collector.server);
    const result = await runFixture({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_SDK_DISABLED: 'true' });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(collector.received, []);
  });

  it('stops the process with one line naming a malformed variable', async () => {
    const badEndpoint = await runFixture({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    assert.equal(badEndpoint.code, 1);
    assert.equal(badEndpoint.stderr, 'Invalid configuration: OTEL_EXPORTER_OTLP_ENDPOINT must be a URL like http://otel-collector:4318\n');
    const badFlag = await runFixture({ OTEL_SDK_DISABLED: 'yes' });
    assert.equal(badFlag.code, 1);
    assert.equal(badFlag.stderr, 'Invalid configuration: OTEL_SDK_DISABLED must be true or false\n');
  });
});
