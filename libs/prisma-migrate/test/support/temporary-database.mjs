// Throw-away PostgreSQL databases for the integration tests, created and dropped as the
// superuser, so the tests depend on a PostgreSQL server only, never on the stack's databases.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { infra } from '@shop/topology';

const { host, port, adminUser } = infra.postgres;

/** Runs `work` with an admin connection to the `postgres` database. */
async function asAdmin(work) {
  const client = new pg.Client({ host, port, user: adminUser, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `{ name, url, drop() }` of a new empty database; `label` makes leftovers recognisable. */
export async function createTemporaryDatabase(label) {
  const name = `prisma_migrate_test_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: `postgresql://${adminUser}@${host}:${port}/${name}`,
    connection: { host, port, user: adminUser, database: name },
    drop: () => asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** Runs a whole SQL script on a database, the way psql -1 would: one implicit transaction. */
export async function runScript(database, script) {
  const client = new pg.Client(database.connection);
  await client.connect();
  try {
    await client.query(script);
  } finally {
    await client.end();
  }
}

export async function queryRows(database, sql) {
  const client = new pg.Client(database.connection);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
