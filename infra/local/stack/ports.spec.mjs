import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { assertPortsFree, isPortFree, portInUseFromLog } from './ports.mjs';

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

describe('a bind failure in a component\'s log', () => {
  const orderService = [
    { port: 3002, variable: 'ORDER_SERVICE_PORT' },
    { port: 3052, variable: 'ORDER_SERVICE_GRPC_PORT' },
  ];

  it("finds the port of gRPC's error, logged by the app as JSON", () => {
    const line = JSON.stringify({
      level: 50,
      time: '2026-12-04T20:56:46.644Z',
      pid: 3002,
      service: 'order-service',
      context: 'Bootstrap',
      msg: 'order-service failed to start: No address added out of total 1 resolved errors: [listen EADDRINUSE: address already in use 0.0.0.0:3052]',
    });
    assert.deepEqual(portInUseFromLog(`starting\n${line}\n`, orderService), { port: 3052, variable: 'ORDER_SERVICE_GRPC_PORT', line });
  });

  it("finds the port of Node's HTTP listen error, on IPv4 and IPv6", () => {
    assert.equal(portInUseFromLog('Error: listen EADDRINUSE: address already in use 0.0.0.0:3002', orderService)?.variable, 'ORDER_SERVICE_PORT');
    assert.equal(portInUseFromLog('Error: listen EADDRINUSE: address already in use :::3052', orderService)?.variable, 'ORDER_SERVICE_GRPC_PORT');
  });

  it("finds Kafka's broker or controller port", () => {
    const kafka = [
      { port: 9092, variable: 'KAFKA_PORT' },
      { port: 9093, variable: 'KAFKA_CONTROLLER_PORT' },
    ];
    const log = '[2026-12-04 20:56:46,644] ERROR [KafkaRaftServer nodeId=1] Fatal error during broker startup. Prepare to shutdown (kafka.server.BrokerServer)\norg.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9093: Address already in use.';
    assert.equal(portInUseFromLog(log, kafka)?.variable, 'KAFKA_CONTROLLER_PORT');
  });

  it("takes a component's only port when the failure names none", () => {
    const mongo = [{ port: 27017, variable: 'MONGO_PORT' }];
    assert.equal(portInUseFromLog('Exception in thread "main" java.net.BindException: Address already in use\n\tat java.base/sun.nio.ch.Net.bind0(Native Method)', mongo)?.variable, 'MONGO_PORT');
  });

  it('finds nothing in a log without a bind failure, or when the port named is none of the component\'s', () => {
    assert.equal(portInUseFromLog('{"level":50,"msg":"order-service failed to start: connect ECONNREFUSED 127.0.0.1:5432"}', orderService), undefined);
    assert.equal(portInUseFromLog('listen EADDRINUSE: address already in use 0.0.0.0:4000', orderService), undefined);
  });
});
