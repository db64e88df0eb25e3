// Throw-away PostgreSQL databases holding @shop/messaging's tables, made with the lib's own test
// migrations (test/prisma) by @shop/testing, as the services make theirs.
import { createMigratedDatabase } from '@shop/testing';
import { type Client, Pool } from 'pg';
import type { SqlTransaction } from '../sql-transaction.js';

const ADMIN_SHUTDOWN = '57P01';

export interface MessagingDatabase {
  url: string;
  pool: Pool;
  /** Runs `work` in one transaction, with the transaction as the outbox and inbox see it. */
  transaction<T>(work: (tx: SqlTransaction, client: Client) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

export async function createMessagingDatabase(label: string): Promise<MessagingDatabase> {
  const database = await createMigratedDatabase({ service: 'messaging', label, schema: 'libs/messaging/test/prisma/schema.prisma' });
  const pool = new Pool({ connectionString: database.url, max: 10 });
  // Dropping the database ends the connections still open to it (57P01, admin shutdown); an idle
  // client of the pool reports that as an error, which is expected at this point and nowhere else.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) throw error;
  });
  return {
    url: database.url,
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
      await database.drop();
    },
  };
}
