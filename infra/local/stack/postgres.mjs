// The machine's PostgreSQL (not started by the stack): one database and one role per service,
// the role owning its database, and CONNECT revoked from PUBLIC so that no service role can
// even open another service's database. Idempotent: safe at every `stack:up`.
import pg from 'pg';
import { infra, postgresApps, postgresDatabase } from '../../../libs/topology/src/topology.mjs';
import { StackError } from './stack-error.mjs';

const { host, port, adminUser } = infra.postgres;

export const postgresEndpoint = `postgresql://${host}:${port}`;

/** Creates or repairs every service's role and database; returns what it changed. */
export async function provisionPostgres() {
  const admin = await connectAsAdmin();
  try {
    const changes = [];
    for (const app of postgresApps) changes.push(...(await provisionService(admin, postgresDatabase(app.name))));
    return changes;
  } finally {
    await admin.end();
  }
}

async function connectAsAdmin() {
  const admin = new pg.Client({ host, port, user: adminUser, database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    return admin;
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new StackError(
      `PostgreSQL does not answer on ${host}:${port} as ${adminUser} (${error.message}); start it, or set PG_PORT / PG_ADMIN_USER (PGPASSWORD is honoured)`,
    );
  }
}

async function provisionService(admin, { database, role, password }) {
  const changes = [];
  const roleName = admin.escapeIdentifier(role);
  const databaseName = admin.escapeIdentifier(database);
  const roleExists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0;
  // Stated in full each time, so a role someone widened by hand is narrowed again.
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`;
  await admin.query(roleExists ? `ALTER ROLE ${roleName} WITH ${attributes}` : `CREATE ROLE ${roleName} WITH ${attributes}`);
  if (!roleExists) changes.push(`role ${role}`);

  const databaseExists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount > 0;
  await admin.query(databaseExists ? `ALTER DATABASE ${databaseName} OWNER TO ${roleName}` : `CREATE DATABASE ${databaseName} OWNER ${roleName}`);
  if (!databaseExists) changes.push(`database ${database}`);
  await admin.query(`REVOKE CONNECT ON DATABASE ${databaseName} FROM PUBLIC`);
  return changes;
}

export async function postgresAnswers() {
  const client = new pg.Client({ host, port, user: adminUser, database: 'postgres', connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
