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
  infra: { postgres: { host: string; port: number; adminUser: string }; kafka: { host: string; port: number } };
  kafkaBrokers: string;
}

/** Where the native stack runs (infra/local/topology.mjs, the one description of it). */
export async function stackTopology(): Promise<Topology> {
  return (await import(pathToFileURL(join(REPOSITORY_ROOT, 'infra', 'local', 'topology.mjs')).href)) as Topology;
}

export interface TemporaryDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createMigratedDatabase(label: string): Promise<TemporaryDatabase> {
  const { host, port, adminUser } = (await stackTopology()).infra.postgres;
  const name = `payment_service_test_${label}_${randomBytes(4).toString('hex')}`;
  const asAdmin = async (sql: string) => {
    const client = new Client({ host, port, user: adminUser, database: 'postgres' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = `postgresql://${adminUser}@${host}:${port}/${name}`;
  const drop = () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    const cli = join(REPOSITORY_ROOT, 'libs', 'prisma-migrate', 'src', 'cli.mjs');
    await run(process.execPath, [cli, 'deploy', '--service', 'payment-service'], { env: { ...process.env, DATABASE_URL: url } });
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, drop };
}
