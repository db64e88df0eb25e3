import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@shop/testing';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { createTopic, ping, pingDefinition, quietLogger, readTopic, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { assertOrderedPerKey, readPing } from '../testing/outbox-fixtures.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxWriter } from './outbox-writer.js';

const kafka = testKafka();
const outbox = new OutboxWriter();

/** Writes `count` pings round-robin over `aggregates` keys, `perTransaction` per transaction. */
async function writePings(database: MessagingDatabase, topic: string, count: number, aggregates: number, from = 0, perTransaction = 10): Promise<void> {
  for (let start = from; start < from + count; start += perTransaction) {
    await database.transaction(async (tx) => {
      for (let index = start; index < Math.min(start + perTransaction, from + count); index++) {
        const aggregateId = `aggregate-${index % aggregates}`;
        await outbox.add(tx, pingDefinition(topic), ping(topic, aggregateId, Math.floor(index / aggregates)));
      }
    });
  }
}

async function backlog(database: MessagingDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox_messages WHERE published_at IS NULL');
  return rows[0]!.count;
}

function startRelayProcess(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'testing', 'relay-process.fixture.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`relay process exited with ${code} before it started`)));
  });
}

describe('outbox relay (real PostgreSQL and Kafka)', () => {
  let database: MessagingDatabase;

  before(async () => {
    database = await createMessagingDatabase('relay');
  });

  after(async () => {
    await database.drop();
  });

  it('loses no row across 1,000 messages while the relay process is killed at random, and keeps each key in order', async () => {
    const topic = uniqueName('relay-crash');
    await createTopic(kafka, topic, 3);
    const total = 1000;
    let written = 0;
    let kills = 0;
    let relay = await startRelayProcess(database.url);
    // Messages keep arriving while the relay dies and comes back: a crash can land anywhere,
    // between publish and mark included.
    while (written < total || (await backlog(database)) > 0) {
      if (written < total) {
        await writePings(database, topic, 100, 20, written);
        written += 100;
      }
      await sleep(20 + Math.random() * 200);
      relay.kill('SIGKILL');
      await new Promise((resolve) => relay.once('exit', resolve));
      kills += 1;
      relay = await startRelayProcess(database.url);
    }
    await eventually('the outbox is empty', async () => (await backlog(database)) === 0);
    relay.kill('SIGTERM');
    await new Promise((resolve) => relay.once('exit', resolve));

    const received = (await readTopic(kafka, topic, (messages) => new Set(messages.map((m) => readPing(m).messageId)).size >= total)).map(readPing);
    const distinct = new Set(received.map((message) => message.messageId));
    assert.equal(distinct.size, total, `expected all ${total} messages after ${kills} kills, got ${distinct.size}`);
    assert.ok(kills >= 10, `the relay was killed ${kills} times`);
    assertOrderedPerKey(received);
  });

  it('publishes each row once, in order per key, with two relays side by side', async () => {
    const topic = uniqueName('relay-pair');
    await createTopic(kafka, topic, 3);
    const relays = [1, 2].map(() => new OutboxRelay({ databaseUrl: database.url, kafka, batchSize: 7, pollIntervalMs: 20, logger: quietLogger }));
    await Promise.all(relays.map((relay) => relay.start()));
    try {
      await writePings(database, topic, 300, 5, 0, 3);
      await eventually('the outbox is empty', async () => (await backlog(database)) === 0);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const received = (await readTopic(kafka, topic, (messages) => messages.length >= 300)).map(readPing);
    // Wait a little longer for any duplicate that would still be on its way.
    const settled = (await readTopic(kafka, topic, () => false, 1500)).map(readPing);
    assert.equal(settled.length, 300, 'no message was published twice');
    assertOrderedPerKey(received);
  });

  it('never publishes a message whose transaction rolled back', async () => {
    const topic = uniqueName('relay-rollback');
    await createTopic(kafka, topic, 1);
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 20, logger: quietLogger });
    await relay.start();
    try {
      await assert.rejects(
        database.transaction(async (tx) => {
          await outbox.add(tx, pingDefinition(topic), ping(topic, 'rolled-back', 0));
          throw new Error('the state change failed');
        }),
      );
      await database.transaction((tx) => outbox.add(tx, pingDefinition(topic), ping(topic, 'committed', 0)));
      await eventually('the outbox is empty', async () => (await backlog(database)) === 0);
    } finally {
      await relay.stop();
    }
    const received = (await readTopic(kafka, topic, () => false, 2000)).map(readPing);
    assert.deepEqual(received.map((message) => message.aggregateId), ['committed']);
  });

  it('publishes past a row the broker refuses for good, holding back only the rows of that key', async () => {
    const topic = uniqueName('relay-poison');
    await createTopic(kafka, topic, 3);
    // One transaction, so one trace and one send: the broker refuses the whole request at first.
    await database.transaction(async (tx) => {
      await outbox.add(tx, pingDefinition(topic), ping(topic, 'before', 0));
      await outbox.add(tx, pingDefinition(topic), ping(topic, 'poisoned', 0));
      await outbox.add(tx, pingDefinition(topic), ping(topic, 'poisoned', 1));
      await outbox.add(tx, pingDefinition(topic), ping(topic, 'after', 0));
    });
    // Larger than the broker's message.max.bytes (1 MB): MESSAGE_TOO_LARGE, which no retry cures.
    await database.pool.query("UPDATE outbox_messages SET value = repeat('x', 2000000) WHERE id = (SELECT id FROM outbox_messages WHERE topic = $1 ORDER BY id OFFSET 1 LIMIT 1)", [topic]);
    const pending = async () =>
      (await database.pool.query<{ key: string }>('SELECT message_key AS key FROM outbox_messages WHERE topic = $1 AND published_at IS NULL ORDER BY id', [topic])).rows.map((row) => row.key);
    assert.deepEqual(await pending(), ['before', 'poisoned', 'poisoned', 'after']);

    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, pollIntervalMs: 20, logger: quietLogger });
    await relay.start();
    try {
      await eventually('the rows of the other keys are published', async () => (await pending()).length === 2);
      await sleep(500);
      assert.deepEqual(await pending(), ['poisoned', 'poisoned'], 'the refused row and the one after it on its key wait; nothing else does');
    } finally {
      await relay.stop();
      await database.pool.query('DELETE FROM outbox_messages WHERE topic = $1', [topic]);
    }
    const received = (await readTopic(kafka, topic, (messages) => messages.length >= 2, 10_000)).map(readPing);
    assert.deepEqual(received.map((message) => message.aggregateId).sort(), ['after', 'before']);
  });

  it('survives its database connections being terminated mid-batch, and publishes everything once they are back', async () => {
    const RELAY_UNDER_STORM = 'outbox-relay-under-storm';
    const topic = uniqueName('relay-terminated');
    await createTopic(kafka, topic, 3);
    await writePings(database, topic, 200, 10);
    // The relay's connections (its pool and its LISTEN client) carry a name of their own, and the
    // storm kills those only: what this test watches is the relay, not the connections of the test
    // or of what earlier tests left behind.
    const relayUrl = new URL(database.url);
    relayUrl.searchParams.set('application_name', RELAY_UNDER_STORM);
    const relay = new OutboxRelay({ databaseUrl: relayUrl.toString(), kafka, batchSize: 5, pollIntervalMs: 20, logger: quietLogger });
    await relay.start();
    let killed = 0;
    try {
      // A connection killed while the relay holds it checked out emits 'error' outside any query:
      // unheard, that crashes the process (and this test with it).
      for (let storm = 0; storm < 40; storm++) {
        const { rows } = await database.pool.query<{ killed: number }>(
          'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE application_name = $1',
          [RELAY_UNDER_STORM],
        );
        killed += rows[0]?.killed ?? 0;
        await sleep(50);
      }
      assert.ok(killed >= 2, `the storm killed ${killed} of the relay's connections, expected its LISTEN client and its pool's`);
      await eventually('the outbox drains after the storm', async () => (await backlog(database)) === 0, { timeoutMs: 60_000 });
    } finally {
      await relay.stop();
    }
    const received = (await readTopic(kafka, topic, (messages) => new Set(messages.map((m) => readPing(m).messageId)).size >= 200)).map(readPing);
    assert.equal(new Set(received.map((message) => message.messageId)).size, 200);
    assertOrderedPerKey(received);
  });
});
