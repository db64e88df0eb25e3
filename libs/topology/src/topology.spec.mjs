import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultPorts } from './topology.mjs';

const RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';
const LINUX_DEFAULT_RANGE_START = 32768;

/** Where the machine starts handing out local ports for outgoing connections. */
function ephemeralRangeStart() {
  if (!existsSync(RANGE_FILE)) return LINUX_DEFAULT_RANGE_START;
  const [start] = readFileSync(RANGE_FILE, 'utf8').trim().split(/\s+/).map(Number);
  return Number.isInteger(start) ? start : LINUX_DEFAULT_RANGE_START;
}

/**
 * What `expression` gives in a fresh process (the topology reads the environment once, at import)
 * where no port variable is set but those of `env`.
 */
async function topologyWith(env, expression) {
  const script = `
    const topology = await import(${JSON.stringify(new URL('topology.mjs', import.meta.url).href)});
    console.log(JSON.stringify(${expression}));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...withoutPortVariables(process.env), ...env },
  });
  return JSON.parse(stdout);
}

const withoutPortVariables = (env) => Object.fromEntries(Object.entries(env).filter(([name]) => !(name in defaultPorts)));

describe("the native stack's default ports", () => {
  it('are all below the start of the ephemeral port range, where no outgoing connection can take them', () => {
    const start = ephemeralRangeStart();
    const inside = Object.entries(defaultPorts).filter(([, port]) => port >= start);
    assert.deepEqual(inside, [], `default ports at or above ${start}, where ${RANGE_FILE} starts: move them below`);
  });

  it('need no privileges and are all different', () => {
    const ports = Object.values(defaultPorts);
    for (const port of ports) assert.ok(Number.isInteger(port) && port >= 1024, `${port} is not an unprivileged port`);
    assert.equal(new Set(ports).size, ports.length, 'two components share a default port');
  });

  it('cover gRPC, HTTP, the Kafka broker and controller, and the MongoDB stand-in', async () => {
    const { apps, kafka, mongo } = await topologyWith({}, `{ apps: topology.apps, kafka: topology.infra.kafka, mongo: topology.infra.mongo }`);
    const covered = new Set(Object.values(defaultPorts));
    const listening = [kafka.port, kafka.controllerPort, mongo.port, ...apps.flatMap((app) => [app.httpPort, app.grpcPort ?? []].flat())];
    for (const port of listening) assert.ok(covered.has(port), `port ${port} has no entry in defaultPorts`);
  });

  it('follow one pattern: HTTP on 300N and gRPC on 305N, N the same for one app', () => {
    const httpPorts = Object.entries(defaultPorts).filter(([name]) => name === 'GATEWAY_PORT' || /_SERVICE_PORT$/.test(name));
    assert.deepEqual(httpPorts.map(([, port]) => port), httpPorts.map((_, index) => 3000 + index), 'app N serves HTTP on 300N, in the order of the list');
    for (const [name, port] of Object.entries(defaultPorts).filter(([variable]) => variable.endsWith('_GRPC_PORT'))) {
      const http = defaultPorts[name.replace(/_GRPC_PORT$/, '_PORT')];
      assert.equal(port, http + 50, `${name} is ${port}; with HTTP on ${http} it should be ${http + 50}`);
    }
  });
});

describe('moving a port through its variable', () => {
  it('moves it everywhere the topology uses it, even into the ephemeral range, and leaves the defaults as they are', async () => {
    const moved = await topologyWith(
      { INVENTORY_SERVICE_GRPC_PORT: '50054', KAFKA_PORT: '19092' },
      `{
        inventoryGrpc: topology.apps.find((app) => app.name === 'inventory-service').grpcPort,
        orderEnvironment: topology.appEnvironment(topology.apps.find((app) => app.name === 'order-service')),
        kafkaBrokers: topology.kafkaBrokers,
        variable: topology.portVariableFor(50054),
        defaultPort: topology.defaultPorts.INVENTORY_SERVICE_GRPC_PORT,
      }`,
    );
    assert.equal(moved.inventoryGrpc, 50054);
    assert.equal(moved.orderEnvironment.INVENTORY_GRPC_URL, '127.0.0.1:50054');
    assert.equal(moved.orderEnvironment.KAFKA_BROKERS, '127.0.0.1:19092');
    assert.equal(moved.kafkaBrokers, '127.0.0.1:19092');
    assert.equal(moved.variable, 'INVENTORY_SERVICE_GRPC_PORT');
    assert.equal(moved.defaultPort, 3054);
  });
});

describe("the apps' way to PostgreSQL", () => {
  const urlOf = (env) => topologyWith(env, `topology.postgresDatabase('order-service').url`);

  it('is the Unix socket in PG_SOCKET_DIR (the `host` query parameter, which node-postgres reads), port and role unchanged', async () => {
    const url = new URL(await urlOf({ PG_SOCKET_DIR: '/run/somewhere' }));
    assert.equal(url.searchParams.get('host'), '/run/somewhere');
    assert.deepEqual([url.port, url.username, url.pathname], ['5432', 'order_service', '/order_service']);
  });

  it('is TCP on 127.0.0.1 when PG_SOCKET_DIR is set empty', async () => {
    assert.equal(await urlOf({ PG_SOCKET_DIR: '' }), 'postgresql://order_service:order_service_local@127.0.0.1:5432/order_service');
  });
});
