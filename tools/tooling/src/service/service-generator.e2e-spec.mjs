// The generator as a newcomer uses it: in a scratch copy of this repository, generate a service,
// then build, lint, test and start it on the running native stack, as `npm test` and `stack:up`
// would, and throw the copy away. A service the generator makes must pass CI unedited.
//
// The copy shares the stack's process records (.local/pids), so its `stack:up` finds the
// infrastructure and the six apps running and starts only the new one; everything the test made
// on the shared stack (the app's process, database, role, consumer group, topic) is removed after.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { infra, kafkaBrokers } from '../../../../libs/topology/src/topology.mjs';
import { findTests } from '../../../test/find-tests.mjs';
import { forgetRecord, runningRecord, stopProcess } from '../../../../infra/local/stack/processes.mjs';
import { makeScratchCopy } from './scratch-copy.mjs';

const repository = new URL('../../../../', import.meta.url).pathname;
/** One service of each kind: every datastore, with and without gRPC and Kafka, side by side. */
const SERVICES = [
  { name: 'trial-pg', flags: ['--datastore=postgres', '--grpc', '--kafka'] },
  { name: 'trial-mongo', flags: ['--datastore=mongo', '--no-grpc', '--kafka'] },
  { name: 'trial-memory', flags: ['--datastore=none', '--grpc', '--no-kafka'] },
].map((service) => ({ ...service, app: `${service.name}-service`, database: `${service.name.replace(/-/g, '_')}_service` }));
const APPS = SERVICES.map((service) => service.app);
const nodeBin = process.execPath;
const quiet = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true', FORCE_COLOR: '0' };

describe('npx nx g @shop/tooling:service, three times in a scratch copy of the repository', { timeout: 900_000 }, () => {
  let copy;
  let failedStep;

  before(async () => {
    await removeFromStack(); // what an interrupted earlier run may have left
    copy = makeScratchCopy(repository, join(mkdtempSync(join(tmpdir(), 'shop-generator-')), 'repository'));
    mkdirSync(join(copy, '.local'), { recursive: true });
    symlinkSync(join(repository, '.local', 'pids'), join(copy, '.local', 'pids'));
  });

  after(async () => {
    await removeFromStack();
    if (copy) rmSync(join(copy, '..'), { recursive: true, force: true });
  });

  /** Runs one command in the copy; a failure shows the end of its output, and the steps after it are not run. */
  function step(title, command, args, env = {}) {
    assert.equal(failedStep, undefined, `not run: "${failedStep}" failed before`);
    // Without the runner's NODE_TEST_CONTEXT, a nested `node --test` reports as a run of its own.
    const inherited = { ...process.env };
    delete inherited.NODE_TEST_CONTEXT;
    const result = spawnSync(command, args, { cwd: copy, env: { ...inherited, ...quiet, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) {
      failedStep = title;
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-80).join('\n');
      assert.fail(`${title}: exit ${result.status ?? result.signal}\n${output}`);
    }
    return result.stdout;
  }

  const runTests = (title, files) => {
    assert.ok(files.length > 0, `${title}: no test files found`);
    const output = step(title, nodeBin, ['--test', '--import=@shop/observability/preload', '--test-concurrency=2', ...files]);
    assert.match(output, /^ℹ fail 0$/m);
    assert.doesNotMatch(output, /^ℹ pass 0$/m, `${title}: no test ran`);
  };
  const testsOf = (kind, roots) => findTests(kind, roots.map((root) => join(copy, root)));

  for (const service of SERVICES) {
    it(`generates ${service.app} (${service.flags.join(' ')})`, () => {
      const output = step(`generate ${service.app}`, 'npx', ['nx', 'g', '@shop/tooling:service', service.name, ...service.flags]);
      assert.match(output, new RegExp(`CREATE apps/${service.app}/src/application/open-task/open-${service.name}-task.handler.ts`));
      assert.match(output, /UPDATE libs\/topology\/src\/topology.mjs/);
      assert.match(output, /UPDATE docker-compose.yml/);
    });
  }

  it('builds (Prisma client, tsc -b of every project)', () => {
    step('build', nodeBin, ['tools/build.mjs']);
  });

  it('passes lint: module boundaries and the layers of ARCHITECTURE.md', () => {
    step('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '-p', ...APPS.map((app) => `@shop/${app}`), '@shop/contracts', '@shop/topology', '--output-style=static']);
  });

  it('passes their unit tests, and those of every list it was added to (contracts, topology, compose, schemas)', () => {
    runTests('unit tests', testsOf('spec', [...APPS.map((app) => `apps/${app}`), 'libs/contracts', 'libs/topology', 'libs/messaging', 'infra/docker', 'tools/test']));
  });

  it('passes their integration tests, with migrations matching schemas, on the stack\'s infrastructure', () => {
    runTests('integration tests', [...testsOf('int-spec', APPS.map((app) => `apps/${app}`)), 'libs/prisma-migrate/test/migrations-match-schema.int-spec.mjs']);
  });

  it('starts on the stack with `stack:up`: databases and roles provisioned, migrations applied', () => {
    const output = step('stack:up', nodeBin, ['tools/stack.mjs', 'up']);
    for (const app of APPS) assert.match(output, new RegExp(`✔ ${app} ready`));
  });

  it('passes their end-to-end tests and the stack\'s health check, the new apps included', () => {
    runTests('end-to-end tests', [...testsOf('e2e-spec', APPS.map((app) => `apps/${app}`)), 'apps/system-e2e/dist/health.e2e-spec.js']);
  });
});

/** Stops the generated apps and removes what they made on the shared stack: databases, roles, consumer groups, topics. */
async function removeFromStack() {
  for (const app of APPS) {
    const record = runningRecord(app);
    if (record) await stopProcess(record, 12_000);
    forgetRecord(app);
  }

  const admin = new pg.Client({ host: infra.postgres.host, port: infra.postgres.port, user: infra.postgres.adminUser, database: 'postgres' });
  await admin.connect();
  try {
    for (const { database } of SERVICES) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${database}`);
    }
  } finally {
    await admin.end();
  }

  const mongo = new MongoClient(`mongodb://${infra.mongo.host}:${infra.mongo.port}/`, { serverSelectionTimeoutMS: 5_000 });
  try {
    for (const { database } of SERVICES) await mongo.db(database).dropDatabase();
  } finally {
    await mongo.close();
  }

  const kafka = new Kafka({ clientId: 'generator-test-cleanup', brokers: [kafkaBrokers], logLevel: logLevel.NOTHING });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  try {
    const groups = (await kafkaAdmin.listGroups()).groups.map((group) => group.groupId).filter((group) => APPS.includes(group));
    if (groups.length) await kafkaAdmin.deleteGroups(groups);
    const topics = (await kafkaAdmin.listTopics()).filter((topic) => SERVICES.some((service) => topic.startsWith(`${service.name}.`)));
    if (topics.length) await kafkaAdmin.deleteTopics({ topics });
  } finally {
    await kafkaAdmin.disconnect();
  }
}
