// What an outbox write reads must not grow with the table's history, nor with the rows of other
// keys waiting to be published; nor may what the relay's claim reads. A published row's stamp
// leaves its old version, and that version's entry in every index that held it, until VACUUM;
// on PostgreSQL without autovacuum (the native stack's) that is until someone runs it. The
// write's look-up of its key's earlier unpublished rows read all of those entries through the old
// `(published_at, id)` index: 3 ms per write after 30,000 messages. Checked with statistics that
// say "empty" (the table vacuumed before its first row, then never again, as on the native
// stack), on both plans PostgreSQL can run a prepared statement with: custom and generic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PoolClient } from 'pg';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { claimBatch, WRITE_MESSAGES_TO_PUBLISH } from './outbox.sql.js';

const PUBLISHED_ROWS = 30_000;
const BACKLOG_ROWS = 20_000;
const KEY = '01a24bc2-b525-7263-80d8-b08b10393a82';

/** The part of EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) read here. */
interface PlanNode {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

/** Blocks (8 kB pages) that `statement` touches on `client`, run by EXPLAIN ANALYZE and rolled back. */
async function pagesTouched(client: PoolClient, statement: string): Promise<number> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement}`);
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * Blocks (8 kB pages) that the statement touches to write one row of key `key`, prepared and
 * planned as `planCacheMode` says, on a connection of its own.
 */
async function blocksToWrite(database: MessagingDatabase, key: string, planCacheMode: string): Promise<number> {
  const client = await database.pool.connect();
  try {
    await client.query(`SET plan_cache_mode = ${planCacheMode}`);
    await client.query(`PREPARE write_one AS ${WRITE_MESSAGES_TO_PUBLISH}`);
    // EXPLAIN takes no bind parameters: the key goes in as a quoted literal.
    return await pagesTouched(
      client,
      `EXECUTE write_one(ARRAY[gen_random_uuid()], ARRAY['orders'], ARRAY[${client.escapeLiteral(key)}], ARRAY['{}'], ARRAY['{}'::jsonb], 10)`,
    );
  } finally {
    // The prepared statement and the setting leave with the connection, not back into the pool.
    client.release(true);
  }
}

describe('outbox indexes (real PostgreSQL)', () => {
  let database: MessagingDatabase;

  before(async () => {
    database = await createMessagingDatabase('outbox_indexes');
  });

  after(async () => {
    await database?.drop();
  });

  it("a write's look-up of its key's unpublished rows reads that key's rows, however many were published before", async () => {
    await database.pool.query('VACUUM (ANALYZE) outbox_messages');
    const onEmptyTable = await blocksToWrite(database, KEY, 'force_custom_plan');

    // Many messages of other keys (and two of the written key), written and stamped published.
    // Keys as the services' (an aggregate's UUID), and as many rows as where the cost was measured:
    // with 5,000 the planner took the key index even beside the old index, and this could not fail.
    await database.pool.query(
      `INSERT INTO outbox_messages (message_id, topic, message_key, value)
       SELECT gen_random_uuid(), 'orders', CASE WHEN n <= 2 THEN $2 ELSE gen_random_uuid()::text END, repeat('x', 400)
       FROM generate_series(1, $1::int) AS n`,
      [PUBLISHED_ROWS, KEY],
    );
    await database.pool.query('UPDATE outbox_messages SET published_at = now()');

    // The write itself touches a few pages (the table, four indexes, the sequence); the old index
    // made it read every published row's dead entry and heap page: over 2,000 pages here.
    for (const planCacheMode of ['force_custom_plan', 'force_generic_plan']) {
      const afterHistory = await blocksToWrite(database, KEY, planCacheMode);
      assert.ok(
        afterHistory <= onEmptyTable + 20,
        `${planCacheMode}: the write touched ${afterHistory} pages after ${PUBLISHED_ROWS} published rows, ${onEmptyTable} on an empty table`,
      );
    }
  });

  // Here PostgreSQL 15 took the key index even before the relay's index had its `id > 0`; on the
  // stack's order database, whose key index had grown ten times the relay's, it took the smaller
  // one and read every unpublished row at each write. This checks the property, not that history.
  it("a write's look-up reads its own key's rows only, however many rows of other keys wait to be published", async () => {
    // Statistics of a service in its steady state: hardly a row unpublished. Then a backlog, as
    // while Kafka is down: unpublished rows of other keys, written before this one.
    await database.pool.query('ANALYZE outbox_messages');
    const before = await blocksToWrite(database, KEY, 'force_generic_plan');
    await database.pool.query(
      `INSERT INTO outbox_messages (message_id, topic, message_key, value)
       SELECT gen_random_uuid(), 'orders', gen_random_uuid()::text, repeat('x', 400) FROM generate_series(1, $1::int)`,
      [BACKLOG_ROWS],
    );

    for (const planCacheMode of ['force_custom_plan', 'force_generic_plan']) {
      const withBacklog = await blocksToWrite(database, KEY, planCacheMode);
      assert.ok(withBacklog <= before + 20, `${planCacheMode}: the write touched ${withBacklog} pages with ${BACKLOG_ROWS} rows of other keys waiting, ${before} without`);
    }
  });

  it("the relay's claim reads about a batch of rows, however long the backlog", async () => {
    const client = await database.pool.connect();
    try {
      // A first claim steps over the entries the published history left in the index and marks
      // them dead for the next scans, as the relay's claims do every few seconds: then measured.
      await client.query(`BEGIN; ${claimBatch(100).text}; ROLLBACK`);
      const pages = await pagesTouched(client, claimBatch(100).text);
      // Each claimed row is a heap page and a look-up of its key (a few index pages); reading the
      // backlog instead would be a page for every dozen rows waiting.
      assert.ok(pages <= 1_000, `the claim of 100 rows touched ${pages} pages with ${BACKLOG_ROWS} rows waiting`);
    } finally {
      client.release();
    }
  });
});
