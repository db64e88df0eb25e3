// Each PostgreSQL service's role works in its own database and is refused everywhere else,
// so no service can read another's tables (run against the stack's provisioned PostgreSQL).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { infra, postgresApps, postgresDatabase } from '../../libs/topology/src/topology.mjs';

const services = postgresApps.map((app) => ({ name: app.name, ...postgresDatabase(app.name) }));

/** Connects as `role` to `database` over TCP, with the role's own password. */
async function connect(role, database) {
  const { password } = services.find((service) => service.role === role);
  const client = new pg.Client({ host: infra.postgres.host, port: infra.postgres.port, user: role, password, database });
  await client.connect();
  return client;
}

describe('PostgreSQL role isolation', () => {
  for (const service of services) {
    describe(service.name, () => {
      it('can create, write and read tables in its own database', async () => {
        const client = await connect(service.role, service.database);
        const table = `isolation_probe_${process.pid}`;
        try {
          await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
          await client.query(`INSERT INTO ${table} VALUES (1)`);
          const { rows } = await client.query(`SELECT current_user, current_database(), (SELECT count(*)::int FROM ${table}) AS count`);
          assert.deepEqual(rows, [{ current_user: service.role, current_database: service.database, count: 1 }]);
        } finally {
          await client.query(`DROP TABLE IF EXISTS ${table}`);
          await client.end();
        }
      });

      for (const other of services.filter((candidate) => candidate !== service)) {
        it(`is refused on ${other.database}`, async () => {
          const refusal = await connect(service.role, other.database).then(
            async (client) => {
              await client.end();
              return undefined;
            },
            (error) => error,
          );
          assert.ok(refusal, `${service.role} could connect to ${other.database}`);
          // 42501 insufficient_privilege: "User does not have CONNECT privilege."
          assert.equal(refusal.code, '42501', refusal.message);
        });
      }
    });
  }

  it('grants CONNECT on a service database to its own role only', async () => {
    const admin = new pg.Client({ host: infra.postgres.host, port: infra.postgres.port, user: infra.postgres.adminUser, database: 'postgres' });
    await admin.connect();
    try {
      for (const database of services.map((service) => service.database)) {
        const { rows } = await admin.query(
          `SELECT r.rolname FROM pg_roles r WHERE has_database_privilege(r.oid, $1, 'CONNECT') AND NOT r.rolsuper
             AND r.rolname = ANY($2) ORDER BY 1`,
          [database, services.map((service) => service.role)],
        );
        assert.deepEqual(rows.map((row) => row.rolname), [database], `roles that may connect to ${database}`);
      }
    } finally {
      await admin.end();
    }
  });

  it('leaves every service role without superuser or role/database creation rights', async () => {
    const admin = new pg.Client({ host: infra.postgres.host, port: infra.postgres.port, user: infra.postgres.adminUser, database: 'postgres' });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1) AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)', [
        services.map((service) => service.role),
      ]);
      assert.deepEqual(rows, []);
    } finally {
      await admin.end();
    }
  });
});
