// The one description of the native stack: which infrastructure runs where, which apps exist,
// and the environment each app is started with. The native stack (infra/local), the migration
// tool, the tests and the demo all read it (as @shop/topology), so a port or a database name changes in exactly one place.
// Every port can be moved with an environment variable (for when a default port is taken).

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;

/**
 * The default port of every component, by the environment variable that moves it. On the native
 * stack every process shares the machine's network namespace, so a listening port inside Linux's
 * ephemeral range (`/proc/sys/net/ipv4/ip_local_port_range`, 32768–60999 by default) may already
 * be the local end of some outgoing connection when its app starts. Every default is therefore
 * below 32768 (topology.spec.mjs checks it against the machine's range), in one pattern: app N
 * (gateway 0, user 1, order 2, payment 3, inventory 4, notification 5) serves HTTP on 300N and
 * gRPC on 305N, after gRPC's customary 50051; the infrastructure keeps its usual ports.
 */
export const defaultPorts = Object.freeze({
  PG_PORT: 5432,
  REDIS_PORT: 6379,
  KAFKA_PORT: 9092,
  KAFKA_CONTROLLER_PORT: 9093,
  MONGO_PORT: 27017,
  GATEWAY_PORT: 3000,
  USER_SERVICE_PORT: 3001,
  USER_SERVICE_GRPC_PORT: 3051,
  ORDER_SERVICE_PORT: 3002,
  ORDER_SERVICE_GRPC_PORT: 3052,
  PAYMENT_SERVICE_PORT: 3003,
  PAYMENT_SERVICE_GRPC_PORT: 3053,
  INVENTORY_SERVICE_PORT: 3004,
  INVENTORY_SERVICE_GRPC_PORT: 3054,
  NOTIFICATION_SERVICE_PORT: 3005,
  NOTIFICATION_SERVICE_GRPC_PORT: 3055,
  // (npx nx g @shop/tooling:service adds new ports above this line)
});

/** Every port's environment variable and current value (the default unless the variable is set), so an error can say which variable moves it. */
export const portVariables = Object.fromEntries(
  Object.entries(defaultPorts).map(([name, fallback]) => [name, Number(env[name] ?? fallback)]),
);
const port = (name) => portVariables[name];

/** The environment variable that sets `portNumber` (for messages such as "set KAFKA_PORT to move Kafka"). */
export function portVariableFor(portNumber) {
  return Object.keys(portVariables).find((name) => portVariables[name] === portNumber);
}

export const host = '127.0.0.1';

export const infra = {
  postgres: { host, port: port('PG_PORT'), adminUser: env.PG_ADMIN_USER ?? 'postgres' },
  redis: { host, port: port('REDIS_PORT') },
  kafka: { host, port: port('KAFKA_PORT'), controllerPort: port('KAFKA_CONTROLLER_PORT') },
  mongo: { host, port: port('MONGO_PORT') },
};

export const kafkaBrokers = `${host}:${infra.kafka.port}`;
export const redisUrl = `redis://${host}:${infra.redis.port}`;
/** A MongoDB app's database on the stand-in (each app has its own, named in its topology entry). */
export const mongoUrlOf = (database) => `mongodb://${host}:${infra.mongo.port}/${database}`;

/**
 * The folder of PostgreSQL's Unix socket on this machine, or undefined to use TCP. Every query is
 * a round trip, and a write to a loopback TCP socket also runs the receiving side's TCP stack in
 * the writer's system call: profiled at 20 orders/s, socket writes to PostgreSQL were the largest
 * single cost of order-service (about a tenth of its CPU). A Unix socket carries the same bytes
 * without TCP. `PG_SOCKET_DIR` names the folder; set it empty to use TCP.
 */
export const postgresSocketFolder = (() => {
  if (env.PG_SOCKET_DIR !== undefined) return env.PG_SOCKET_DIR || undefined;
  return ['/var/run/postgresql', '/tmp'].find((folder) => existsSync(join(folder, `.s.PGSQL.${infra.postgres.port}`)));
})();

/**
 * V8 flags every app runs with, here and in the Docker image (infra/docker/Dockerfile's
 * NODE_OPTIONS, kept equal by infra/docker/compose.spec.mjs).
 *
 * `--max-semi-space-size=4` (MB) caps V8's young generation at two semi-spaces of 4 MB, where
 * Node.js 26 lets it grow to two of 32 MB (its new space, read with v8.getHeapSpaceStatistics()).
 * Under load it grows to its cap in every app and stays there. Measured after 40 s at 40 orders/s
 * (README "Benchmarks"), the six apps' RSS together: 1.58-1.68 GB with the default, 1.26-1.34 GB
 * with 8 MB, 1.20 GB with 4 MB, 1.18 GB with 2 MB; CPU per order 46-48 ms in every case (the extra
 * scavenges cost less than the run-to-run noise).
 */
export const appNodeFlags = ['--max-semi-space-size=4'];

/** One PostgreSQL database and one role per service: no service can reach another's tables. */
export function postgresDatabase(service) {
  const name = service.replace(/-/g, '_');
  // node-postgres reads `host` from the query as the socket's folder (the URL's host stays a name).
  const through = postgresSocketFolder ? `?host=${encodeURIComponent(postgresSocketFolder)}` : '';
  return {
    database: name,
    role: name,
    // Local-only credentials: the native stack's PostgreSQL uses trust auth on loopback.
    password: `${name}_local`,
    url: `postgresql://${name}:${name}_local@${host}:${infra.postgres.port}/${name}${through}`,
  };
}

/**
 * The apps. httpPort serves /health and /metrics; grpcPort (where present) serves queries.
 * datastores lists what the app's readiness depends on; a MongoDB app names its database.
 */
export const apps = [
  { name: 'api-gateway', httpPort: port('GATEWAY_PORT'), datastores: ['redis'] },
  { name: 'user-service', httpPort: port('USER_SERVICE_PORT'), grpcPort: port('USER_SERVICE_GRPC_PORT'), datastores: ['postgres', 'kafka', 'redis'] },
  { name: 'order-service', httpPort: port('ORDER_SERVICE_PORT'), grpcPort: port('ORDER_SERVICE_GRPC_PORT'), datastores: ['postgres', 'kafka'] },
  { name: 'payment-service', httpPort: port('PAYMENT_SERVICE_PORT'), grpcPort: port('PAYMENT_SERVICE_GRPC_PORT'), datastores: ['postgres', 'kafka'] },
  { name: 'inventory-service', httpPort: port('INVENTORY_SERVICE_PORT'), grpcPort: port('INVENTORY_SERVICE_GRPC_PORT'), datastores: ['postgres', 'kafka', 'redis'] },
  { name: 'notification-service', httpPort: port('NOTIFICATION_SERVICE_PORT'), grpcPort: port('NOTIFICATION_SERVICE_GRPC_PORT'), datastores: ['mongo', 'kafka'], mongoDatabase: 'notifications' },
  // (npx nx g @shop/tooling:service adds new apps above this line)
];

/** Which apps each app calls over gRPC; each becomes `<SERVICE>_GRPC_URL` in its environment. */
export const grpcDependencies = {
  'api-gateway': ['user-service', 'order-service', 'inventory-service', 'notification-service'],
  'order-service': ['inventory-service'],
  'notification-service': ['user-service'],
};

/** `USER_GRPC_URL` for user-service, and so on. */
export const grpcUrlVariableOf = (service) => `${service.replace(/-service$/, '').toUpperCase()}_GRPC_URL`;

export const postgresApps = apps.filter((app) => app.datastores.includes('postgres'));

/** The environment an app is started with on the native stack. */
export function appEnvironment(app) {
  const result = { NODE_ENV: 'development', PORT: String(app.httpPort), LOG_LEVEL: env.LOG_LEVEL ?? 'info' };
  if (app.grpcPort) result.GRPC_PORT = String(app.grpcPort);
  if (app.datastores.includes('postgres')) result.DATABASE_URL = postgresDatabase(app.name).url;
  if (app.datastores.includes('kafka')) result.KAFKA_BROKERS = kafkaBrokers;
  if (app.datastores.includes('redis')) result.REDIS_URL = redisUrl;
  if (app.datastores.includes('mongo')) result.MONGO_URL = mongoUrlOf(app.mongoDatabase);
  for (const service of grpcDependencies[app.name] ?? []) {
    result[grpcUrlVariableOf(service)] = `${host}:${apps.find((candidate) => candidate.name === service).grpcPort}`;
  }
  // RS256 key pair of the native stack, made on first use: user-service signs, the gateway verifies.
  if (app.name === 'user-service') result.JWT_PRIVATE_KEY_FILE = jwtKeyFiles().privateKey;
  if (app.name === 'user-service' || app.name === 'api-gateway') result.JWT_PUBLIC_KEY_FILE = jwtKeyFiles().publicKey;
  // The card gateway's breaker opens for 30 s by default; on a developer's stack, where the slow
  // test card opens it on purpose, 5 s lets the next order through sooner.
  if (app.name === 'payment-service') result.PAYMENT_GATEWAY_BREAKER_OPEN_MS = env.PAYMENT_GATEWAY_BREAKER_OPEN_MS ?? '5000';
  // Spans of every app, one JSON line each, for the end-to-end tests and the demo to follow an order.
  result.OTEL_TRACES_FILE = join(localRoot, 'traces', `${app.name}.jsonl`);
  return result;
}

const localRoot = fileURLToPath(new URL('../../../.local', import.meta.url));

/** Paths of the native stack's JWT key pair (PEM), generated the first time they are asked for. */
export function jwtKeyFiles() {
  const folder = join(localRoot, 'keys');
  const files = { privateKey: join(folder, 'jwt-private.pem'), publicKey: join(folder, 'jwt-public.pem') };
  if (!existsSync(files.privateKey) || !existsSync(files.publicKey)) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    mkdirSync(folder, { recursive: true });
    writeFileSync(files.privateKey, pair.privateKey, { mode: 0o600 });
    writeFileSync(files.publicKey, pair.publicKey);
  }
  return files;
}
