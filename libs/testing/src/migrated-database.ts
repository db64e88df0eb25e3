// A throw-away PostgreSQL database per test file, migrated with a service's own migrations through
// the same CLI that migrates the real one, created and dropped as the native stack's superuser.
// Never the stack's own databases: tests run beside the running apps.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, type ClientConfig } from 'pg';
import { REPOSITORY_ROOT, stackTopology } from './stack-topology.js';

const run = promisify(execFile);
const MIGRATION_CLI = join(REPOSITORY_ROOT, 'libs', 'prisma-migrate', 'src', 'cli.mjs');
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;
const LABEL = /^[a-z0-9_]+$/;
// PostgreSQL silently cuts longer names, and with them the random suffix that keeps test runs apart.
const MAX_DATABASE_NAME_LENGTH = 63;

export interface MigratedDatabaseOptions {
  /** Whose migrations to apply: `apps/<service>/prisma/migrations`, unless `schema` is given. */
  service: string;
  /** Says which test the database belongs to, in its name: lower-case letters, digits and `_`. */
  label: string;
  /** A schema.prisma elsewhere (absolute, or relative to the repository root); its `migrations/` sits beside it. */
  schema?: string;
}

export interface MigratedDatabase {
  /** `<service>_test_<label>_<random>`, with the service's `-` as `_`. */
  name: string;
  /** DATABASE_URL for the code under test (the superuser, trust auth on loopback). */
  url: string;
  /** Runs one SQL statement in this database, for a test's own setup and assertions. */
  query<Row = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<Row[]>;
  /** Drops the database, ending the connections still open to it. */
  drop(): Promise<void>;
}

/** A fresh, unique database name for `service`'s test `label`; throws when either would make a bad identifier. */
export function migratedDatabaseName(service: string, label: string): string {
  if (!SERVICE_NAME.test(service)) throw new Error(`"${service}" is not a service name (lower case, digits and "-")`);
  if (!LABEL.test(label)) throw new Error(`database label "${label}" may hold only lower-case letters, digits and "_"`);
  const name = `${service.replace(/-/g, '_')}_test_${label}_${randomBytes(4).toString('hex')}`;
  if (name.length > MAX_DATABASE_NAME_LENGTH) throw new Error(`database name ${name} is longer than ${MAX_DATABASE_NAME_LENGTH} characters: shorten the label`);
  return name;
}

export async function createMigratedDatabase(options: MigratedDatabaseOptions): Promise<MigratedDatabase> {
  const name = migratedDatabaseName(options.service, options.label);
  const { host, port, adminUser } = (await stackTopology()).infra.postgres;
  const server: ClientConfig = { host, port, user: adminUser };
  const asAdmin = (sql: string) => withClient({ ...server, database: 'postgres' }, (client) => client.query(sql));

  await asAdmin(`CREATE DATABASE "${name}"`);
  const database: MigratedDatabase = {
    name,
    url: `postgresql://${adminUser}@${host}:${port}/${name}`,
    query: <Row>(sql: string, values: unknown[] = []) => withClient({ ...server, database: name }, async (client) => (await client.query(sql, values)).rows as Row[]),
    drop: async () => void (await asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
  try {
    await migrate(database, options);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

async function migrate(database: MigratedDatabase, { service, schema }: MigratedDatabaseOptions): Promise<void> {
  const schemaArguments = schema ? ['--schema', resolve(REPOSITORY_ROOT, schema)] : [];
  try {
    await run(process.execPath, [MIGRATION_CLI, 'deploy', '--service', service, ...schemaArguments], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, DATABASE_URL: database.url },
    });
  } catch (error) {
    // The CLI prints one line saying what failed; the rest of execFile's message is the command line.
    const reason = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`could not migrate ${database.name} with ${service}'s migrations: ${reason}`, { cause: error });
  }
}

async function withClient<T>(config: ClientConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
