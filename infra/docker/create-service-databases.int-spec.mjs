// Runs the compose PostgreSQL init script (infra/docker/postgres/create-service-databases.sh) with
// bash and psql against the real local server, as the postgres image would on first start, on two
// throwaway databases, and proves the isolation it promises.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { infra } from '../../libs/topology/src/topology.mjs';
import { repositoryRoot } from './compose-file.mjs';

const script = `${repositoryRoot}infra/docker/postgres/create-service-databases.sh`;
const [first, second] = ['a', 'b'].map((suffix) => `docker_init_probe_${process.pid}_${suffix}`);
const { host, port, adminUser } = infra.postgres;

function runInitScript(databases, passwords) {
  return spawnSync('bash', [script], {
    encoding: 'utf8',
    env: { ...process.env, PGHOST: host, PGPORT: String(port), POSTGRES_USER: adminUser, SERVICE_DATABASES: databases.join(' '), ...passwords },
  });
}

const passwordsOf = (databases) => Object.fromEntries(databases.map((database) => [`${database.toUpperCase()}_PASSWORD`, `${database}_local`]));

async function withClient(user, database, work) {
  const client = new pg.Client({ host, port, user, database, password: `${user}_local` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('create-service-databases.sh (compose PostgreSQL init)', () => {
  before(() => {
    const run = runInitScript([first, second], passwordsOf([first, second]));
    assert.equal(run.status, 0, run.stderr);
  });

  after(async () => {
    await withClient(adminUser, 'postgres', async (admin) => {
      for (const name of [first, second]) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.query(`DROP ROLE IF EXISTS "${name}"`);
      }
    });
  });

  it('creates one database per service, owned by a role of the same name', async () => {
    const { rows } = await withClient(adminUser, 'postgres', (admin) =>
      admin.query('SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1) ORDER BY datname', [[first, second]]),
    );
    assert.deepEqual(rows, [first, second].map((name) => ({ datname: name, owner: name })));
  });

  it("lets a role use its own database and refuses it another service's", async () => {
    await withClient(first, first, (client) => client.query('CREATE TABLE probe (id int)'));
    await assert.rejects(withClient(first, second, () => undefined), (error) => error.code === '42501');
    await assert.rejects(withClient(second, first, () => undefined), (error) => error.code === '42501');
  });

  it('can run again on a server where the databases already exist', () => {
    const run = runInitScript([first, second], passwordsOf([first, second]));
    assert.equal(run.status, 0, run.stderr);
  });

  it('stops and names the variable when a password is missing', () => {
    const run = runInitScript([`${first}_without_password`], {});
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`${first.toUpperCase()}_WITHOUT_PASSWORD_PASSWORD`));
  });
});
