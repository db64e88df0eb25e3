import { Pool } from 'pg';

/**
 * Bounds a statement can never reach in a healthy system, so a stuck one fails rather than holds
 * a pooled connection and its locks: a statement (a lock wait included) 15 s, a transaction
 * left idle by its code 15 s, the wait for a pooled connection 10 s (a burst of orders queues).
 * An idle connection closes after a minute, not node-postgres's 10 s: under a steady load, the
 * connections opened at each peak were closed and opened again (a new PostgreSQL backend, its
 * statements prepared again), a visible share of PostgreSQL's CPU per order.
 *
 * `pipeline`: a statement is written to the connection as soon as it is issued, not after the
 * answer to the one before (node-postgres 8.23). Code that awaits each statement behaves exactly
 * as before; PgTransaction uses it to send BEGIN together with a transaction's first statement.
 */
const POOL_OPTIONS = {
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 15_000,
  connectionTimeoutMillis: 10_000,
  idleTimeoutMillis: 60_000,
  pipeline: true,
};

/** A service's pool: what its Prisma client and its PgDatabase share. */
export function createPostgresPool(databaseUrl: string, max = 10): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max, ...POOL_OPTIONS });
  // An idle pooled connection that dies (a database restart) emits 'error' on the pool: unheard,
  // it would crash the process. The next statement meets the outage and reports it.
  pool.on('error', () => undefined);
  return pool;
}
