import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertPortsFree, isPortFree } from './ports.mjs';

/** Holds a port the way a foreign process would; the caller closes it. */
async function holdPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: server.address().port };
}

describe('port checks before a component starts', () => {
  it('sees a free port as free and a held one as taken', async () => {
    const { server, port } = await holdPort();
    try {
      assert.equal(await isPortFree(port), false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.equal(await isPortFree(port), true);
  });

  it('names the environment variable that moves the component when its port is taken', async () => {
    const { server, port } = await holdPort();
    try {
      await assert.rejects(assertPortsFree('Kafka', [{ port, variable: 'KAFKA_PORT' }]), {
        name: 'PortInUseError',
        message: `port ${port} is in use by another process; set KAFKA_PORT to move Kafka`,
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes the variable from the topology, for infrastructure and apps alike', async () => {
    const kafka = await holdPort();
    const gateway = await holdPort();
    // The topology reads the environment once, at import: a fresh process sees the moved ports.
    const script = `
      const { nativeInfrastructure, appComponents } = await import(${JSON.stringify(new URL('components.mjs', import.meta.url).href)});
      const { assertPortsFree } = await import(${JSON.stringify(new URL('ports.mjs', import.meta.url).href)});
      for (const component of [nativeInfrastructure[0], appComponents[0]]) {
        await assertPortsFree(component.label, component.ports).catch((error) => console.log(error.message));
      }`;
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: { ...process.env, KAFKA_PORT: String(kafka.port), GATEWAY_PORT: String(gateway.port) },
      });
      assert.deepEqual(stdout.trim().split('\n'), [
        `port ${kafka.port} is in use by another process; set KAFKA_PORT to move Kafka`,
        `port ${gateway.port} is in use by another process; set GATEWAY_PORT to move api-gateway`,
      ]);
    } finally {
      await Promise.all([kafka, gateway].map(({ server }) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
