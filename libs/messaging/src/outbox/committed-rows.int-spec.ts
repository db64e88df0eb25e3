// Rows published by the process that wrote them, as their transaction commits (OutboxWriter in a
// node-postgres transaction, with the app's OutboxRelay running), on the native stack's
// PostgreSQL and Kafka: without a relay claim; a key's order kept behind rows this process does
// not hold; and no row lost when the writing process is killed at random.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { createPostgresPool, PgDatabase } from '@shop/persistence';
import { eventually } from '@shop/testing';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { createTopic, ping, pingDefinition, quietLogger, readTopic, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { assertOrderedPerKey, readPing } from '../testing/outbox-fixtures.js';
import { type CommittedRow, OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

const kafka = testKafka();

/**
 * The writer of a process that dies as its transactions commit: its rows are leased to it
 * (`publish_after`), and it never publishes them.
 */
function writerThatDiesAfterCommit(leaseMs: number): OutboxWriter {
  const dying = { publishesCommitted: true, leaseSeconds: leaseMs / 1000, publishCommitted: (_rows: readonly CommittedRow[]) => undefined };
  return new OutboxWriter(dying as unknown as OutboxRelay);
}

describe('outbox rows published by the process that wrote them (real PostgreSQL and Kafka)', () => {
  let database: MessagingDatabase;
  let pool: Pool;
  let pg: PgDatabase;

  before(async () => {
    database = await createMessagingDatabase('committed_rows');
    pool = createPostgresPool(database.url, 4);
    pg = new PgDatabase(pool);
  });

  after(async () => {
    await pool?.end();
    await database?.drop();
  });

  const rowsOf = async (topic: string) =>
    (
      await database.pool.query<{ key: string; leased: boolean; published: boolean }>(
        'SELECT message_key AS key, publish_after > now() AS leased, published_at IS NOT NULL AS published FROM outbox_messages WHERE topic = $1 ORDER BY id',
        [topic],
      )
    ).rows;

  it('publishes the rows of a transaction as it commits, without a relay claim, and stamps them published', async () => {
    const topic = uniqueName('committed');
    await createTopic(kafka, topic, 3);
    // The relay never claims: it polls once a minute, and leaves the rows to their writer for as long.
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 60_000, writerLeaseMs: 60_000, logger: quietLogger });
    await relay.start();
    const outbox = new OutboxWriter(relay);
    try {
      await pg.transaction(async (tx) => {
        await outbox.addAll(tx, [0, 1, 2].map((sequence) => ({ definition: pingDefinition(topic), message: ping(topic, 'a', sequence) })));
        await outbox.add(tx, pingDefinition(topic), ping(topic, 'b', 0));
      });
      const received = (await readTopic(kafka, topic, (messages) => messages.length >= 4, 10_000)).map(readPing);
      assert.deepEqual(received.filter((message) => message.aggregateId === 'a').map((message) => message.sequence), [0, 1, 2]);
      assert.deepEqual(received.filter((message) => message.aggregateId === 'b').map((message) => message.sequence), [0]);
      await eventually('the rows are stamped published', async () => (await rowsOf(topic)).every((row) => row.published));
      assert.ok((await rowsOf(topic)).every((row) => row.leased), 'they were published while leased to their writer, which no relay claim takes');
    } finally {
      await relay.stop();
    }
  });

  it('leaves the rows of a writer that died before publishing them to the relay, which publishes them once their lease has passed', async () => {
    const topic = uniqueName('orphaned');
    await createTopic(kafka, topic, 1);
    await pg.transaction((tx) => writerThatDiesAfterCommit(1000).add(tx, pingDefinition(topic), ping(topic, 'orphan', 0)));
    assert.deepEqual(await rowsOf(topic), [{ key: 'orphan', leased: true, published: false }]);
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 50, logger: quietLogger });
    await relay.start();
    try {
      const received = (await readTopic(kafka, topic, (messages) => messages.length >= 1, 10_000)).map(readPing);
      assert.deepEqual(received.map((message) => message.aggregateId), ['orphan']);
      await eventually('the row is stamped published', async () => (await rowsOf(topic))[0]?.published === true);
    } finally {
      await relay.stop();
    }
  });

  it('keeps a key in order behind a row this process does not hold: the later rows of that key go through the relay, after it', async () => {
    const topic = uniqueName('held-key');
    await createTopic(kafka, topic, 1);
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 50, writerLeaseMs: 60_000, logger: quietLogger });
    await relay.start();
    const outbox = new OutboxWriter(relay);
    try {
      // The first row of key `held` belongs to a process that died before publishing it: the relay
      // may take it in 1.5 s. The rows written after it by this process must not overtake it.
      await pg.transaction((tx) => writerThatDiesAfterCommit(1500).add(tx, pingDefinition(topic), ping(topic, 'held', 0)));
      await pg.transaction((tx) => outbox.add(tx, pingDefinition(topic), ping(topic, 'held', 1)));
      await pg.transaction((tx) => outbox.add(tx, pingDefinition(topic), ping(topic, 'free', 0)));
      await pg.transaction((tx) => outbox.add(tx, pingDefinition(topic), ping(topic, 'held', 2)));
      const received = (await readTopic(kafka, topic, (messages) => messages.length >= 4, 15_000)).map(readPing);
      assert.deepEqual(
        received.map((message) => `${message.aggregateId}:${message.sequence}`),
        ['free:0', 'held:0', 'held:1', 'held:2'],
        'the free key went at once; the held one in its order, once its first row could go',
      );
    } finally {
      await relay.stop();
    }
  });

  it('loses no row across 1,000 messages while the writing process is killed at random, and keeps each key in order', async () => {
    const topic = uniqueName('writer-crash');
    await createTopic(kafka, topic, 3);
    const total = 1000;
    let kills = 0;
    let done = false;
    while (!done) {
      const writer = await startWriterProcess(database.url, topic, total);
      done = await Promise.race([writer.written, sleep(50 + Math.random() * 250).then(() => false)]);
      writer.process.kill(done ? 'SIGTERM' : 'SIGKILL');
      await writer.exited;
      if (!done) kills += 1;
    }
    // What the killed writers committed and did not publish (or did not stamp) is the relay's once their lease has passed.
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 50, logger: quietLogger });
    await relay.start();
    try {
      await eventually('every row is stamped published', async () => (await rowsOf(topic)).every((row) => row.published), { timeoutMs: 30_000 });
    } finally {
      await relay.stop();
    }
    assert.equal((await rowsOf(topic)).length, total);
    const received = (await readTopic(kafka, topic, (messages) => new Set(messages.map((m) => readPing(m).messageId)).size >= total)).map(readPing);
    assert.equal(new Set(received.map((message) => message.messageId)).size, total, `expected all ${total} messages after ${kills} kills`);
    assert.ok(kills >= 5, `the writing process was killed ${kills} times`);
    assertOrderedPerKey(received);
  });
});

interface WriterProcess {
  process: ChildProcess;
  /** True once it wrote every ping (it then goes on publishing until SIGTERM). */
  written: Promise<boolean>;
  exited: Promise<unknown>;
}

function startWriterProcess(databaseUrl: string, topic: string, total: number): Promise<WriterProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'testing', 'writer-process.fixture.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TOPIC: topic, TOTAL: String(total), AGGREGATES: '20', PER_TRANSACTION: '5', LEASE_MS: '1000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const written = new Promise<boolean>((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('written')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('started')) resolve({ process: child, written, exited });
    });
    child.once('exit', (code) => reject(new Error(`writer process exited with ${code} before it started`)));
  });
}
