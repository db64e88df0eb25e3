// No Docker engine runs where this project is developed, so docker-compose.yml can be neither built
// nor started here: these checks are what keep it honest. They compare it with the native stack's
// description (libs/topology) and feed each app's compose environment to the app's real
// configuration schema (compiled, so run after the build), with the files that one-shot services
// (jwt-keys) leave in volumes really made by their scripts (see one-shot-services.mjs).
// Variables resolve as `docker compose` resolves them: from the environment, else their defaults.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appEnvironment, appNodeFlags, apps, infra, postgresApps, postgresDatabase } from '../../libs/topology/src/topology.mjs';
import {
  buildOf,
  dependenciesOf,
  environmentOf,
  imageReference,
  isPinnedTag,
  loadComposeFile,
  mountOf,
  mountsOf,
  parseYaml,
  portsOf,
  readRepositoryFile,
  repositoryRoot,
} from './compose-file.mjs';
import { instructionsOf, parseDockerfile } from './dockerfile-stages.mjs';
import { hostPathOf, oneShotServiceNames, runOneShot } from './one-shot-services.mjs';

const compose = loadComposeFile();
const services = compose.services;
const datastores = Object.keys(infra);
const appNames = apps.map((app) => app.name);
const oneShots = oneShotServiceNames(services);
const require = createRequire(import.meta.url);
// The real X_FILE reader of every app's configuration (libs/observability, compiled).
const { resolveFileVariables } = require(`${repositoryRoot}libs/observability/dist/config/load-config.js`);

/** Variables the native stack sets that compose deliberately does not, and why. */
const NATIVE_ONLY_VARIABLES = {
  OTEL_TRACES_FILE: 'the native stack has no trace backend; in compose, spans go to Jaeger through the collector',
  PAYMENT_GATEWAY_BREAKER_OPEN_MS: 'a developer stack shortens the card gateway breaker to 5 s; compose keeps the 30 s default',
};

// Named volumes as folders, filled by running the one-shot services' scripts once.
const volumesRoot = mkdtempSync(join(tmpdir(), 'compose-volumes-'));
before(() => {
  for (const name of oneShots) {
    const run = runOneShot(service(name), volumesRoot);
    assert.equal(run.status, 0, `one-shot service ${name} failed: ${run.stderr}`);
  }
});
after(() => rmSync(volumesRoot, { recursive: true, force: true }));

function service(name) {
  assert.ok(services[name], `docker-compose.yml has no service "${name}"`);
  return services[name];
}

/** Advertised Kafka listeners as { NAME: { host, port } }. */
function kafkaAdvertisedListeners() {
  const listeners = environmentOf(service('kafka')).KAFKA_ADVERTISED_LISTENERS ?? '';
  return Object.fromEntries(
    listeners.split(',').map((listener) => {
      const [, name, host, port] = listener.trim().match(/^(\w+):\/\/([^:]*):(\d+)$/) ?? [];
      return [name, { host, port: Number(port) }];
    }),
  );
}

/**
 * The app's environment as its configuration reads it in the container: `X_FILE` for each of `keys`
 * (its schema's variables) read from the volume mounted there (as made by the one-shot services), by
 * the real reader.
 */
function configurationInput(appName, keys) {
  const definition = service(appName);
  const env = environmentOf(definition);
  const onHost = { ...env };
  for (const key of keys) {
    const containerPath = env[`${key}_FILE`];
    if (containerPath === undefined) continue;
    const hostPath = hostPathOf(definition, containerPath, volumesRoot);
    assert.ok(hostPath, `${key}_FILE=${containerPath} is not inside any volume mounted into ${appName}`);
    onHost[`${key}_FILE`] = hostPath;
  }
  const resolved = resolveFileVariables(onHost, keys);
  assert.equal(typeof resolved, 'object', resolved);
  return resolved;
}

function loadConfigSchema(app) {
  const compiled = `${repositoryRoot}apps/${app}/dist/config.js`;
  assert.ok(existsSync(compiled), `${compiled} is missing: build first (node tools/build.mjs)`);
  return require(compiled).configSchema;
}

describe('docker-compose.yml', () => {
  for (const app of apps) {
    describe(app.name, () => {
      const environment = () => environmentOf(service(app.name));

      it('is built from infra/docker/Dockerfile with APP set to its name', () => {
        const build = buildOf(service(app.name));
        assert.ok(build, 'it has no build section');
        assert.equal(build.context, '.', 'the build context must be the repository root');
        assert.equal(build.dockerfile, 'infra/docker/Dockerfile');
        assert.equal(build.args.APP, app.name);
      });

      it('starts only after every datastore it uses is healthy', () => {
        const dependencies = dependenciesOf(service(app.name));
        for (const datastore of app.datastores) {
          assert.equal(dependencies[datastore]?.condition, 'service_healthy', `depends_on.${datastore}.condition`);
        }
      });

      it('has an environment its configuration schema accepts, with every required variable set', () => {
        const schema = loadConfigSchema(app.name);
        const required = (schema.safeParse({}).error?.issues ?? []).map((issue) => String(issue.path[0]));
        for (const variable of required) assert.ok(variable in environment() || `${variable}_FILE` in environment(), `${variable} is required but not set`);
        const result = schema.safeParse(configurationInput(app.name, Object.keys(schema.shape ?? {})));
        assert.ok(result.success, `rejected: ${result.error?.issues.map((issue) => `${issue.path[0]} ${issue.message}`).join('; ')}`);
      });

      it('sets every variable the native stack sets, and publishes PORT and GRPC_PORT on the native host ports', () => {
        for (const variable of Object.keys(appEnvironment(app))) {
          if (!(variable in NATIVE_ONLY_VARIABLES)) assert.ok(variable in environment(), `${variable} is not set`);
        }
        const published = portsOf(service(app.name));
        for (const [variable, hostPort] of [['PORT', app.httpPort], ['GRPC_PORT', app.grpcPort]]) {
          if (hostPort === undefined) continue;
          const port = published.find((candidate) => candidate.published === hostPort);
          assert.ok(port, `host port ${hostPort} is not published`);
          assert.equal(port.target, Number(environment()[variable]), `host port ${hostPort} is not the one the app listens on (${variable})`);
        }
      });

      it('reaches the apps it calls over gRPC by compose service name and their GRPC_PORT', () => {
        for (const [variable, value] of Object.entries(environment()).filter(([name]) => name.endsWith('_GRPC_URL'))) {
          const [host, port] = value.split(':');
          assert.ok(appNames.includes(host), `${variable}=${value} does not name an app service`);
          assert.equal(port, environmentOf(service(host)).GRPC_PORT, `${variable}=${value} is not ${host}'s GRPC_PORT`);
        }
      });

      it('reaches its datastores, the collector and the mail relay by compose service name', () => {
        const env = environment();
        const hosts = { DATABASE_URL: 'postgres', REDIS_URL: 'redis', MONGO_URL: 'mongo', OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector', SMTP_URL: 'mailpit' };
        for (const [variable, host] of Object.entries(hosts)) {
          if (env[variable] !== undefined) assert.equal(new URL(env[variable]).hostname, host, variable);
        }
        if (app.datastores.includes('kafka')) {
          const { host, port } = kafkaAdvertisedListeners().INTERNAL ?? {};
          assert.equal(env.KAFKA_BROKERS, `${host}:${port}`, 'KAFKA_BROKERS must be the listener advertised to containers');
        }
      });
    });
  }

  it('has a healthcheck for every app and datastore', () => {
    for (const name of [...apps.map((app) => app.name), ...datastores]) {
      const { healthcheck } = service(name);
      assert.ok(healthcheck?.test?.length && healthcheck.disable !== true, `${name} has no healthcheck`);
    }
  });

  it('waits for a dependency only as it can be waited for: healthy when it has a healthcheck', () => {
    for (const [name, definition] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(dependenciesOf(definition))) {
        if (condition !== 'service_healthy') continue;
        assert.ok(service(dependency).healthcheck?.test?.length, `${name} waits for ${dependency} to be healthy, but it has no healthcheck`);
      }
    }
  });

  it('runs each one-shot service once: a command, no healthcheck, never restarted', () => {
    assert.ok(oneShots.includes('jwt-keys'), 'nothing waits for jwt-keys to complete');
    for (const name of oneShots) {
      const definition = service(name);
      assert.ok(definition.command?.length, `${name} has no command`);
      assert.equal(definition.healthcheck, undefined, `${name} exits, so it cannot become healthy: drop its healthcheck`);
      assert.ok([undefined, 'no'].includes(definition.restart), `${name} would be started again after it exits (restart: ${definition.restart})`);
    }
  });

  it('mounts what a one-shot service writes read-only elsewhere, and waits for it to complete first', () => {
    for (const oneShot of oneShots) {
      const written = mountsOf(service(oneShot)).filter((mount) => mount.type === 'volume' && !mount.readOnly).map((mount) => mount.source);
      for (const [name, definition] of Object.entries(services)) {
        if (name === oneShot) continue;
        for (const mount of mountsOf(definition).filter((candidate) => written.includes(candidate.source))) {
          assert.ok(mount.readOnly, `${name} mounts ${mount.source} writable`);
          assert.equal(dependenciesOf(definition)[oneShot]?.condition, 'service_completed_successfully', `${name} reads ${mount.source} without waiting for ${oneShot}`);
        }
      }
    }
  });

  it('gives the JWT signing key to user-service alone, and the gateway the public half of that same key', () => {
    const signingKeyVolume = mountOf(service('user-service'), environmentOf(service('user-service')).JWT_PRIVATE_KEY_FILE)?.mount.source;
    assert.ok(signingKeyVolume, 'user-service reads JWT_PRIVATE_KEY_FILE from no volume');
    for (const [name, definition] of Object.entries(services)) {
      if (name === 'user-service' || oneShots.includes(name)) continue;
      assert.ok(!mountsOf(definition).some((mount) => mount.source === signingKeyVolume), `${name} can read the signing key (${signingKeyVolume})`);
    }
    const publicKeyOf = (app) => configurationInput(app, ['JWT_PUBLIC_KEY']).JWT_PUBLIC_KEY;
    assert.ok(publicKeyOf('api-gateway'), 'the gateway has no JWT_PUBLIC_KEY');
    assert.equal(publicKeyOf('api-gateway'), publicKeyOf('user-service'));
  });

  it('pins every image to an explicit version', () => {
    for (const [name, { image, build }] of Object.entries(services)) {
      if (image === undefined) {
        assert.ok(build, `${name} has neither an image nor a build`);
        continue;
      }
      const { tag } = imageReference(image);
      assert.ok(isPinnedTag(tag), `${name}: image "${image}" is not pinned to a version`);
    }
  });

  it('gives each PostgreSQL service its own database and role, created by the init script', () => {
    const postgres = environmentOf(service('postgres'));
    const initialised = postgres.SERVICE_DATABASES.split(/\s+/);
    for (const app of postgresApps) {
      const url = new URL(environmentOf(service(app.name)).DATABASE_URL);
      const { database, role } = postgresDatabase(app.name);
      assert.equal(url.pathname, `/${database}`, `${app.name} must use its own database`);
      assert.equal(url.username, role, `${app.name} must connect with its own role`);
      assert.ok(initialised.includes(database), `SERVICE_DATABASES does not create ${database}`);
      assert.equal(decodeURIComponent(url.password), postgres[`${database.toUpperCase()}_PASSWORD`], `${app.name}'s password differs from its role's`);
    }
    assert.match(readRepositoryFile('infra/docker/postgres/create-service-databases.sh'), /REVOKE CONNECT.* FROM PUBLIC/);
  });

  it('publishes the datastores on the native stack ports, on loopback only', () => {
    for (const datastore of datastores) {
      const published = portsOf(service(datastore)).map(({ hostIp, published }) => `${hostIp}:${published}`);
      assert.deepEqual(published, [`127.0.0.1:${infra[datastore].port}`], datastore);
    }
  });

  it('runs Apache Kafka 3.9.x (kafkajs 2.2.4 needs pre-4 protocols) in KRaft mode, with a listener for the host', () => {
    const kafka = service('kafka');
    const { name, tag } = imageReference(kafka.image);
    assert.equal(name, 'apache/kafka');
    assert.match(tag, /^3\.9\./);
    assert.match(environmentOf(kafka).KAFKA_PROCESS_ROLES, /controller/);
    const forHost = Object.values(kafkaAdvertisedListeners()).find(({ host }) => ['127.0.0.1', 'localhost'].includes(host));
    assert.equal(forHost?.port, infra.kafka.port, 'a listener must be advertised on the host port');
  });

  it('mounts only files and folders that exist', () => {
    for (const [name, { volumes = [] }] of Object.entries(services)) {
      for (const volume of volumes) {
        const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
        if (source.startsWith('.') || source.startsWith('/')) assert.ok(existsSync(`${repositoryRoot}${source}`), `${name} mounts ${source}, which does not exist`);
      }
    }
  });

  it('sends traces to Jaeger and metrics to Prometheus through the collector, and Grafana reads both', () => {
    const collector = parseYaml(readRepositoryFile('infra/docker/otel-collector.yaml'));
    const { traces, metrics } = collector.service.pipelines;
    const traceEndpoints = traces.exporters.map((exporter) => collector.exporters[exporter]?.endpoint ?? '');
    assert.ok(traceEndpoints.some((endpoint) => endpoint.startsWith('jaeger:')), 'no trace exporter sends to jaeger');
    const prometheusExporter = metrics.exporters.find((exporter) => exporter.startsWith('prometheus'));
    const metricsPort = collector.exporters[prometheusExporter]?.endpoint.split(':').pop();
    const scraped = parseYaml(readRepositoryFile('infra/docker/prometheus.yml')).scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets));
    assert.ok(scraped.includes(`otel-collector:${metricsPort}`), `Prometheus does not scrape otel-collector:${metricsPort}`);
    // The apps export OTLP over HTTP (libs/observability), so they need the collector's HTTP receiver.
    const httpReceiverPort = collector.receivers.otlp.protocols.http?.endpoint.split(':').pop();
    for (const app of apps) {
      const endpoint = new URL(environmentOf(service(app.name)).OTEL_EXPORTER_OTLP_ENDPOINT);
      assert.equal(endpoint.port, httpReceiverPort, `${app.name} must send OTLP to the collector's HTTP receiver`);
    }
    const { datasources } = parseYaml(readRepositoryFile('infra/docker/grafana/provisioning/datasources/datasources.yaml'));
    for (const type of ['prometheus', 'jaeger']) {
      const datasource = datasources.find((candidate) => candidate.type === type);
      assert.ok(datasource && services[new URL(datasource.url).hostname], `Grafana has no ${type} datasource pointing at a compose service`);
    }
  });
});

describe('infra/docker/Dockerfile', () => {
  const { stages } = parseDockerfile(readRepositoryFile('infra/docker/Dockerfile'));
  const runtime = stages.at(-1);

  it('builds the monorepo in one stage and copies only its output into the runtime stage', () => {
    assert.ok(stages.length >= 2, 'not a multi-stage build');
    const build = stages.find((stage) => instructionsOf(stage, 'RUN').some((run) => run.includes('tools/build.mjs')));
    assert.ok(build?.name, 'no named stage runs node tools/build.mjs');
    assert.ok(instructionsOf(build, 'RUN').some((run) => /\bnpm ci\b/.test(run)), 'the build stage does not run npm ci');
    assert.ok(instructionsOf(runtime, 'COPY').some((copy) => copy.includes(`--from=${build.name}`)), 'the runtime stage copies nothing from the build stage');
    assert.ok(instructionsOf(runtime, 'RUN').some((run) => /\bnpm ci\b.*--omit=dev/.test(run)), 'the runtime stage must install production dependencies only');
  });

  it('pins its base images to a version', () => {
    for (const stage of stages) assert.ok(isPinnedTag(imageReference(stage.image).tag), `FROM ${stage.image} is not pinned`);
  });

  it('ships the .proto files of libs/contracts, which the gRPC servers load at run time', () => {
    const build = stages.find((stage) => instructionsOf(stage, 'RUN').some((run) => run.includes('tools/build.mjs')));
    const copiesProtos = instructionsOf(build, 'RUN').some((run) => /\bcp\b/.test(run) && /(^|\s)libs(\/contracts(\/proto)?)?\/?(\s|$)/.test(run));
    assert.ok(copiesProtos, 'the build stage puts neither libs nor libs/contracts/proto into its output');
    assert.ok(instructionsOf(runtime, 'COPY').some((copy) => copy.includes(`--from=${build.name}`) && /\/libs\b/.test(copy)), 'the runtime stage does not copy the libs from the build stage');
    const ignored = readRepositoryFile('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    assert.ok(!ignored.some((pattern) => pattern.includes('proto')), '.dockerignore keeps .proto files out of the build');
  });

  it('is the node image the one-shot jwt-keys service runs, so one pull serves both', () => {
    assert.equal(services['jwt-keys']?.image, stages[0].image);
  });

  it("runs the apps with the native stack's V8 flags (appNodeFlags), through NODE_OPTIONS", () => {
    const options = instructionsOf(runtime, 'ENV')
      .map((env) => /^NODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(env))
      .filter(Boolean)
      .at(-1);
    assert.ok(options, 'the runtime stage sets no NODE_OPTIONS');
    const flags = (options[1] ?? options[2]).split(/\s+/);
    for (const flag of appNodeFlags) assert.ok(flags.includes(flag), `NODE_OPTIONS lacks ${flag}: ${flags.join(' ')}`);
  });

  it('runs the app as a non-root user', () => {
    const user = instructionsOf(runtime, 'USER').at(-1);
    assert.ok(user, 'the runtime stage has no USER');
    assert.doesNotMatch(user, /^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on the readiness endpoint', () => {
    const [healthcheck] = instructionsOf(runtime, 'HEALTHCHECK');
    assert.match(healthcheck ?? '', /ready-check\.mjs/);
    assert.match(readRepositoryFile('infra/docker/ready-check.mjs'), /\/health\/ready/);
  });

  it('applies migrations, then execs node so SIGTERM reaches the app', () => {
    assert.match(instructionsOf(runtime, 'CMD').at(-1) ?? '', /start-app\.sh/);
    const script = readRepositoryFile('infra/docker/start-app.sh');
    const migrate = script.indexOf('libs/prisma-migrate/src/cli.mjs deploy --service');
    const start = script.search(/^\s*exec node /m);
    assert.ok(migrate >= 0 && start > migrate, 'start-app.sh must run the migrations, then `exec node`');
  });
});

describe('.dockerignore', () => {
  it('keeps host dependencies, build output, git and local data out of the build context', () => {
    const patterns = readRepositoryFile('.dockerignore').split('\n').map((line) => line.trim());
    for (const pattern of ['**/node_modules', '**/dist', '.git', '.local']) assert.ok(patterns.includes(pattern), `${pattern} is not ignored`);
  });
});
