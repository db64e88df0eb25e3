import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client } from 'pg';
import { createMigratedDatabase, type MigratedDatabase } from './migrated-database.js';
import { stackTopology } from './stack-topology.js';

// The lib's own fixture: one migration creating a `probes` table.
const FIXTURE = { service: 'testing', schema: 'libs/testing/test/prisma/schema.prisma' };

/** Names of the databases on the native stack's PostgreSQL whose name starts with `prefix`. */
async function databasesNamed(prefix: string): Promise<string[]> {
  const { host, port, adminUser } = (await stackTopology()).infra.postgres;
  const client = new Client({ host, port, user: adminUser, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

describe('createMigratedDatabase (real PostgreSQL)', () => {
  const created: MigratedDatabase[] = [];
  after(async () => {
    for (const database of created) await database.drop();
  });

  it('creates a database of its own with the migrations applied, reachable at its url', async () => {
    const database = await createMigratedDatabase({ ...FIXTURE, label: 'applied' });
    created.push(database);

    assert.match(database.name, /^testing_test_applied_[0-9a-f]{8}$/);
    assert.deepEqual(await databasesNamed(database.name), [database.name]);
    await database.query('INSERT INTO probes (label) VALUES ($1)', ['through query']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      assert.deepEqual((await client.query('SELECT label FROM probes')).rows, [{ label: 'through query' }]);
    } finally {
      await client.end();
    }
    const [migration] = await database.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    assert.match(migration?.migration_name ?? '', /_probes$/);
  });

  it('drop removes the database even while a connection to it is still open', async () => {
    const database = await createMigratedDatabase({ ...FIXTURE, label: 'dropped' });
    created.push(database);
    const lingering = new Client({ connectionString: database.url });
    lingering.on('error', () => {}); // the forced drop ends this connection on purpose
    await lingering.connect();

    await database.drop();

    assert.deepEqual(await databasesNamed(database.name), []);
    await lingering.end().catch(() => {});
  });

  it('drops the database again and says why when the migrations cannot be applied', async () => {
    const failing = createMigratedDatabase({ service: 'testing', label: 'unmigratable', schema: 'libs/testing/test/no-such-folder/schema.prisma' });

    await assert.rejects(failing, /could not migrate testing_test_unmigratable_[0-9a-f]{8} with testing's migrations: .+/);
    assert.deepEqual(await databasesNamed('testing_test_unmigratable_'), []);
  });
});
