import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, type ClientConfig } from 'pg';

const run = promisify(execFile);

/** The repository root, from src/testing or dist/testing alike. */
const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');

// The native stack's PostgreSQL: trust auth on loopback for the superuser.
const ADMIN: ClientConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_ADMIN_USER ?? 'postgres',
  database: 'postgres',
};

export interface ThrowawayDatabase {
  readonly url: string;
  /** Runs one query against it, for assertions on what the service stored. */
  query<Row>(sql: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

/** A new database with the user service's migrations applied, through the same CLI that migrates the real one. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const name = `user_service_test_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = `postgresql://${ADMIN.user}@${ADMIN.host}:${ADMIN.port}/${name}`;
  try {
    await run(process.execPath, ['libs/prisma-migrate/src/cli.mjs', 'deploy', '--service', 'user-service'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  return {
    url,
    query: async <Row>(sql: string, values: unknown[] = []) => {
      const client = new Client({ ...ADMIN, database: name });
      await client.connect();
      try {
        return (await client.query(sql, values)).rows as Row[];
      } finally {
        await client.end();
      }
    },
    drop: () => dropDatabase(name),
  };
}

async function dropDatabase(name: string): Promise<void> {
  await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function asAdmin(action: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client(ADMIN);
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}
