// Test support: a PostgreSQL database of its own for each test file, migrated with this service's
// migrations exactly as a deployment is, and dropped afterwards. Never the stack's database.
import { PrismaPg } from '@prisma/adapter-pg';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

const run = promisify(execFile);

/** The native stack's PostgreSQL: trust auth on loopback for the superuser. */
const server = { host: process.env.PG_HOST ?? '127.0.0.1', port: Number(process.env.PG_PORT ?? 5432), user: process.env.PG_ADMIN_USER ?? 'postgres' };
const repositoryRoot = join(__dirname, '..', '..', '..', '..');

export interface ThrowawayDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

export async function createMigratedDatabase(label: string): Promise<ThrowawayDatabase> {
  const name = `inventory_test_${label}_${randomBytes(4).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = `postgresql://${server.user}@${server.host}:${server.port}/${name}`;
  await run(process.execPath, [join(repositoryRoot, 'libs/prisma-migrate/src/cli.mjs'), 'deploy', '--service', 'inventory-service'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) });
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...server, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
