// A throw-away PostgreSQL database per test file, migrated with this service's own migrations,
// created and dropped as the superuser of the native stack's PostgreSQL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** dist/testing → the repository root. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..', '..', '..');

interface Topology {
  infra: { postgres: { host: string; port: number; adminUser: string } };
  kafkaBrokers: string;
}

/** Where the native stack runs (infra/local/topology.mjs, the one description of it). */
export async function stackTopology(): Promise<Topology> {
  return (await import(pathToFileURL(join(REPOSITORY_ROOT, 'infra', 'local', 'topology.mjs')).href)) as Topology;
}

export interface TemporaryDatabase {
  name: string;
  url: string;
  /** Runs one SQL statement as the superuser, in this database. */
  query<Row = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

export async function createMigratedDatabase(label: string): Promise<TemporaryDatabase> {
  const { host, port, adminUser } = (await stackTopology()).infra.postgres;
  const name = `order_service_test_${label}_${randomBytes(4).toString('hex')}`;
  const connect = async <T>(database: string, work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ host, port, user: adminUser, database });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await connect('postgres', (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = `postgresql://${adminUser}@${host}:${port}/${name}`;
  const drop = async () => void (await connect('postgres', (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  try {
    const cli = join(REPOSITORY_ROOT, 'libs', 'prisma-migrate', 'src', 'cli.mjs');
    await run(process.execPath, [cli, 'deploy', '--service', 'order-service'], { env: { ...process.env, DATABASE_URL: url } });
  } catch (error) {
    await drop();
    throw error;
  }
  const query = <Row>(sql: string, values: unknown[] = []) => connect(name, async (client) => (await client.query(sql, values)).rows as Row[]);
  return { name, url, query, drop };
}
