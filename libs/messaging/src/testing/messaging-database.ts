// Throw-away PostgreSQL databases holding @shop/messaging's tables, made with the lib's own test
// migrations (test/prisma) through the project's migration CLI, as the services make theirs.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import type { SqlTransaction } from '../sql-transaction';

const postgres = { host: '127.0.0.1', port: Number(process.env.PG_PORT ?? 5432), user: process.env.PG_ADMIN_USER ?? 'postgres' };
const repositoryRoot = join(__dirname, '..', '..', '..', '..');

export interface MessagingDatabase {
  url: string;
  pool: Pool;
  /** Runs `work` in one transaction, with the transaction as the outbox and inbox see it. */
  transaction<T>(work: (tx: SqlTransaction, client: Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ ...postgres, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createMessagingDatabase(label: string): Promise<MessagingDatabase> {
  const name = `messaging_test_${label}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = `postgresql://${postgres.user}@${postgres.host}:${postgres.port}/${name}`;
  await promisify(execFile)(
    process.execPath,
    [join(repositoryRoot, 'libs/prisma-migrate/src/cli.mjs'), 'deploy', '--service', 'messaging-test', '--schema', join(repositoryRoot, 'libs/messaging/test/prisma/schema.prisma')],
    { env: { ...process.env, DATABASE_URL: url } },
  );
  const pool = new Pool({ connectionString: url, max: 10 });
  return {
    url,
    pool,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: SqlTransaction = { $executeRawUnsafe: async (query, ...values) => (await client.query(query, values)).rowCount ?? 0 };
        const result = await work(tx, client as unknown as Client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async drop() {
      await pool.end();
      await asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
