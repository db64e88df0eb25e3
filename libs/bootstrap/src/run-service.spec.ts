import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const fixture = join(import.meta.dirname, 'testing', 'draining-app.fixture.js');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function startApp(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fixture], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await fetch(`${url}/health/live`).then((r) => r.ok, () => false)) return { child, url, output: () => output };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`fixture app did not start:\n${output}`);
}

describe('runService', () => {
  it('serves the app\'s metrics in Prometheus format at /metrics, under its service name', async () => {
    const app = await startApp({ SHUTDOWN_TIMEOUT_MS: '5000' });
    try {
      await fetch(`${app.url}/slow`);
      const response = await fetch(`${app.url}/metrics`);
      assert.equal(response.status, 200);
      const metrics = await response.text();
      assert.match(metrics, /^target_info\{.*service_name="draining-app"/m);
      assert.match(metrics, /^http_server_request_duration_seconds_count\{.*http_route="\/slow".*\} 1$/m);
    } finally {
      app.child.kill('SIGKILL');
    }
  });
});

describe('runService shutdown', () => {
  it('finishes in-flight requests, reports not-ready while draining, then exits 0', async () => {
    const app = await startApp({ DRAIN_MS: '700', SHUTDOWN_TIMEOUT_MS: '5000' });
    const inFlight = fetch(`${app.url}/slow`).then((response) => response.json());
    await sleep(200);
    const exited = once(app.child, 'exit');
    app.child.kill('SIGTERM');
    await sleep(200);

    const readiness = await fetch(`${app.url}/health/ready`);
    assert.equal(readiness.status, 503, 'readiness must fail while the app drains');
    assert.deepEqual(await inFlight, { finished: true });
    const [code] = await exited;
    assert.equal(code, 0, app.output());
    assert.match(app.output(), /SIGTERM received, draining/);
  });

  it('exits with code 1 when draining outlasts SHUTDOWN_TIMEOUT_MS', async () => {
    const app = await startApp({ DRAIN_MS: '60000', SHUTDOWN_TIMEOUT_MS: '500' });
    const started = Date.now();
    const exited = once(app.child, 'exit');
    app.child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 1);
    assert.ok(Date.now() - started < 5_000, 'the deadline must stop the process');
    assert.match(app.output(), /drain did not finish within 500 ms/);
  });
});
