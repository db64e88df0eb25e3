import { type ClientBase, Pool } from 'pg';

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
  return hearClientErrors(pool);
}

const ignore = (): void => undefined;

/**
 * A connection that dies (a database restart, `pg_terminate_backend`) emits 'error' on its
 * client, and node-postgres sometimes does so when nobody listens: after `pool.query` took its
 * one-time listener off, or while the client is between the pool and its user. Unheard, that
 * 'error' crashes the process: about one in 200 terminations under load here (a script of
 * pool.query and transactions on a pipelining pool; the outbox relay's storm test failed once
 * in a full run). So every client of the pool listens for its whole life. The failure still
 * reaches the statement that meets it, as its rejection, and the pool drops the dead connection.
 */
export function hearClientErrors(pool: Pool): Pool {
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

/**
 * Runs `issue`, which sends statements on a pipelining connection (those of createPostgresPool),
 * with the connection's socket corked: what it sends leaves in one write. Each statement is
 * otherwise a write of its own, a system call that on a local socket also runs PostgreSQL's side
 * of the delivery. Returns what `issue` returns (its statements' promises, not yet answered).
 */
export function inOneWrite<T>(client: ClientBase, issue: () => T): T {
  const socket = socketOf(client);
  socket?.cork();
  try {
    return issue();
  } finally {
    socket?.uncork();
  }
}

/**
 * The socket under a node-postgres client (`client.connection.stream`: not in its typings, stable
 * across its versions); undefined if a version hides it, which only costs the separate writes.
 */
function socketOf(client: ClientBase): { cork(): void; uncork(): void } | undefined {
  const stream = (client as ClientBase & { connection?: { stream?: { cork?: unknown; uncork?: unknown } } }).connection?.stream;
  return typeof stream?.cork === 'function' && typeof stream.uncork === 'function' ? (stream as { cork(): void; uncork(): void }) : undefined;
}
