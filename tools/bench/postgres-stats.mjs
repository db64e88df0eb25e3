// Transactions of the services' databases, from pg_stat_database (committed + rolled back), read
// as the PostgreSQL superuser (trust auth on loopback on the native stack).
//
// PostgreSQL 15+ flushes a backend's counters at most once a second, and an idle backend's last
// ones only after 10 s (PGSTAT_IDLE_INTERVAL): read the end of a window at least that long after
// the load stopped (STATS_FLUSH_MS), or the last second of it is missing.
import pg from 'pg';
import { infra, postgresApps, postgresDatabase } from '../../libs/topology/src/topology.mjs';

export const STATS_FLUSH_MS = 11_000;

export const serviceDatabases = postgresApps.map((app) => postgresDatabase(app.name).database);

/** A connection kept for the whole run; `counters()` reads the service databases' counters. */
export async function openPostgresStats() {
  const { host, port, adminUser } = infra.postgres;
  const client = new pg.Client({ host, port, user: adminUser, database: 'postgres', connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL does not answer on ${host}:${port} as ${adminUser} (${error.message}): start the stack with \`npm run stack:up\``, { cause: error });
  }
  return {
    /** `on` or `off`: with autovacuum off, dead rows pile up run after run, and so does the cost of reading past them. */
    async autovacuum() {
      return (await client.query('SHOW autovacuum')).rows[0].autovacuum;
    },
    /**
     * Per service database: transactions (committed + rolled back), and rows read: `tup_returned`,
     * the rows sequential scans read and the index entries index scans returned, dead ones
     * included. Rows read per order that grow from run to run are a look-up reading history.
     */
    async counters() {
      const { rows } = await client.query(
        'SELECT datname, xact_commit + xact_rollback AS xacts, tup_returned FROM pg_stat_database WHERE datname = ANY($1)',
        [serviceDatabases],
      );
      return {
        transactions: Object.fromEntries(rows.map((row) => [row.datname, Number(row.xacts)])),
        rowsRead: Object.fromEntries(rows.map((row) => [row.datname, Number(row.tup_returned)])),
      };
    },
    close: () => client.end(),
  };
}

/**
 * Below this size (in 8 kB pages) a table is left out of `vacuumServiceDatabases`: the planner
 * would take its statistics for those of a table of a page or two and plan sequential scans.
 */
export const VACUUM_MIN_PAGES = 64;

/**
 * `VACUUM (ANALYZE)` of every service table of at least VACUUM_MIN_PAGES pages, so that runs start
 * from tables without dead rows. Smaller tables are left alone on purpose: the services' statements
 * are prepared, and a plan made from statistics that say "empty" is a sequential scan that
 * PostgreSQL keeps (as a generic plan) until the table's statistics change again. With autovacuum
 * off, as on the native stack, they never do: on a fresh stack, `--vacuum` made every saga read
 * whole tables (40,000 sequential scans of saga_instances in two minutes). Returns how many
 * tables were vacuumed and how many were left alone.
 */
export async function vacuumServiceDatabases() {
  const { host, port, adminUser } = infra.postgres;
  const outcome = { vacuumed: 0, leftAlone: 0 };
  for (const database of serviceDatabases) {
    const client = new pg.Client({ host, port, user: adminUser, database, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_relation_size(c.oid) / current_setting('block_size')::int AS pages
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
      );
      for (const table of rows) {
        if (Number(table.pages) < VACUUM_MIN_PAGES) {
          outcome.leftAlone += 1;
          continue;
        }
        await client.query(`VACUUM (ANALYZE) ${table.name}`);
        outcome.vacuumed += 1;
      }
    } finally {
      await client.end();
    }
  }
  return outcome;
}

/** Per database, and in total, how much a counter (transactions, rows read) grew between two readings. */
export function countsBetween(before, after) {
  const byDatabase = Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
  return { total: Object.values(byDatabase).reduce((sum, value) => sum + value, 0), byDatabase };
}
