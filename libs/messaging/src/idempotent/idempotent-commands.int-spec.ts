// Telemetry first (a W3C propagator), so a captured trace context is a real one.
import '../testing/test-telemetry.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import type { Client } from 'pg';
import { runInTraceContext } from '@shop/observability';
import { eventually } from '@shop/testing';
import { MessageConsumer } from '../consumer/message-consumer.js';
import { createMessagingDatabase, type MessagingDatabase } from '../testing/messaging-database.js';
import { createTopic, ping, pingDefinition, pingParser, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import type { SqlTransaction } from '../sql-transaction.js';
import { IdempotentCommands } from './idempotent-commands.js';

type Ping = ReturnType<typeof ping>;

/** What a service's stores would take: here the test database's transaction and its raw client. */
interface TestTransaction {
  sql: SqlTransaction;
  client: Client;
}

async function produceTwice(kafka: Kafka, topic: string, message: Ping): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  const record = { key: message.payload.aggregateId, value: JSON.stringify(message) };
  // The same message twice, as a producer retry or an outbox relay crash would deliver it.
  await producer.send({ topic, messages: [record] });
  await producer.send({ topic, messages: [record] });
  await producer.disconnect();
}

describe('IdempotentCommands: inbox claim, effect and outbox in one transaction (real PostgreSQL and Kafka)', () => {
  let database: MessagingDatabase;
  const commandsOf = (consumerGroup: string) =>
    new IdempotentCommands<TestTransaction>({
      consumerGroup,
      transactions: { run: (work) => database.transaction((sql, client) => work({ sql, client })) },
      sqlOf: (tx) => tx.sql,
    });
  const outboxIds = async (topic: string): Promise<string[]> =>
    (await database.pool.query<{ message_id: string }>('SELECT message_id FROM outbox_messages WHERE topic = $1 ORDER BY id', [topic])).rows.map((row) => row.message_id);

  before(async () => {
    database = await createMessagingDatabase('idempotent_commands');
    await database.pool.query('CREATE TABLE balances (account text PRIMARY KEY, cents int NOT NULL)');
    await database.pool.query("INSERT INTO balances VALUES ('acct-1', 0)");
  });

  after(async () => {
    await database.drop();
  });

  it('changes state and replies once for a message delivered twice', async () => {
    const kafka = testKafka();
    const topic = uniqueName('inbox');
    const replies = uniqueName('inbox-replies');
    const groupId = uniqueName('inbox-group');
    const commands = commandsOf(groupId);
    await createTopic(kafka, topic, 1);
    const outcomes: string[] = [];
    const consumer = new MessageConsumer<Ping>(kafka, {
      groupId,
      topics: [topic],
      parse: pingParser(topic),
      handle: async (message) => {
        const outcome = await commands.handle(message, async ({ client }) => {
          await client.query("UPDATE balances SET cents = cents + 500 WHERE account = 'acct-1'");
          return { result: null, send: [{ definition: pingDefinition(replies), message: ping(replies, 'acct-1', message.payload.sequence) }] };
        });
        outcomes.push(outcome.kind);
      },
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await consumer.start();
    try {
      await produceTwice(kafka, topic, ping(topic, 'acct-1', 1));
      await eventually('both deliveries are handled', () => outcomes.length === 2);
    } finally {
      await consumer.stop();
    }
    const { rows } = await database.pool.query<{ cents: number }>("SELECT cents FROM balances WHERE account = 'acct-1'");
    assert.deepEqual(outcomes, ['handled', 'duplicate']);
    assert.equal(rows[0]!.cents, 500);
    assert.equal((await outboxIds(replies)).length, 1);
  });

  it('lets exactly one of two concurrent deliveries of a message run its effect', async () => {
    const commands = commandsOf('concurrent-group');
    const message = ping('test.inbox.concurrent', 'acct-2', 1);
    let effects = 0;
    const outcomes = await Promise.all(
      [1, 2].map(() =>
        commands.handle(message, async () => {
          effects += 1;
          return { result: effects, send: [] };
        }),
      ),
    );
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['duplicate', 'handled']);
    assert.equal(effects, 1);
  });

  it('rolls the claim and the outbox back with an effect that throws, so the retry does the whole work', async () => {
    const commands = commandsOf('rollback-group');
    const replies = uniqueName('rollback-replies');
    const message = ping('test.inbox.rollback', 'acct-3', 1);
    const reply = { definition: pingDefinition(replies), message: ping(replies, 'acct-3', 1) };
    await assert.rejects(
      commands.handle(message, async ({ sql }) => {
        // Written by hand before the failure, as an effect may: it must go with the rest.
        await new OutboxWriter().add(sql, reply.definition, reply.message);
        throw new Error('the effect failed');
      }),
      /the effect failed/,
    );
    assert.deepEqual(await outboxIds(replies), []);
    const retried = await commands.handle(message, async () => ({ result: 'done', send: [reply] }));
    assert.deepEqual(retried, { kind: 'handled', result: 'done' });
    assert.deepEqual(await outboxIds(replies), [reply.message.messageId]);
  });

  it('keeps the claims of different consumer groups apart', async () => {
    const message = ping('test.inbox.groups', 'acct-4', 1);
    const effect = async () => ({ result: null, send: [] });
    assert.equal((await commandsOf('group-a').handle(message, effect)).kind, 'handled');
    assert.equal((await commandsOf('group-b').handle(message, effect)).kind, 'handled');
    assert.equal((await commandsOf('group-a').handle(message, effect)).kind, 'duplicate');
  });

  it('writes the messages an effect sends in the order it gives them', async () => {
    const topic = uniqueName('ordered');
    const sent = [3, 1, 2].map((sequence) => ({ definition: pingDefinition(topic), message: ping(topic, 'acct-5', sequence) }));
    await commandsOf('ordered-group').handle(ping('test.inbox.ordered', 'acct-5', 1), async () => ({ result: null, send: sent }));
    assert.deepEqual(
      await outboxIds(topic),
      sent.map(({ message }) => message.messageId),
    );
  });

  describe('inBatch: several messages in one transaction', () => {
    const headersOf = async (topic: string) =>
      (await database.pool.query<{ headers: Record<string, string> }>('SELECT headers FROM outbox_messages WHERE topic = $1 ORDER BY id', [topic])).rows.map((row) => row.headers);
    const traceparent = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;
    const inTrace = <T>(traceId: string, work: () => Promise<T>) => runInTraceContext({ traceparent: traceparent(traceId) }, work);

    it('claims each message and writes every reply in one commit, each in the trace of the message it answers', async () => {
      const commands = commandsOf(uniqueName('batch-group'));
      const replies = uniqueName('batch-replies');
      const messages = [1, 2, 3].map((sequence) => ping('test.inbox.batch', 'acct-6', sequence));
      const traces = ['4bf92f3577b34da6a3ce929d0e0e4731', '4bf92f3577b34da6a3ce929d0e0e4732', '4bf92f3577b34da6a3ce929d0e0e4733'];
      const commitsBefore = await commitCount();
      const outcomes: string[] = [];
      await commands.inBatch(async () => {
        for (const [index, message] of messages.entries()) {
          const outcome = await inTrace(traces[index]!, () =>
            commands.handle(message, async () => ({ result: index, send: [{ definition: pingDefinition(replies), message: ping(replies, 'acct-6', index) }] })),
          );
          outcomes.push(outcome.kind);
        }
        // A redelivery inside the same batch finds the claim made moments before.
        outcomes.push((await commands.handle(messages[0]!, async () => ({ result: -1, send: [] }))).kind);
      });
      assert.deepEqual(outcomes, ['handled', 'handled', 'handled', 'duplicate']);
      assert.equal((await outboxIds(replies)).length, 3);
      assert.deepEqual(
        (await headersOf(replies)).map((headers) => headers.traceparent?.split('-')[1]),
        traces,
      );
      assert.ok((await commitCount()) - commitsBefore <= 2, 'one transaction (and the count query itself) for the whole batch');
      for (const message of messages) assert.equal((await commands.handle(message, async () => ({ result: 0, send: [] }))).kind, 'duplicate');
    });

    it('rolls every message of the batch back when one fails, even when its caller catches the failure', async () => {
      const commands = commandsOf(uniqueName('batch-rollback'));
      const replies = uniqueName('batch-rollback-replies');
      const [first, second] = [1, 2].map((sequence) => ping('test.inbox.batch-rollback', 'acct-7', sequence));
      await assert.rejects(
        commands.inBatch(async () => {
          await commands.handle(first!, async () => ({ result: null, send: [{ definition: pingDefinition(replies), message: ping(replies, 'acct-7', 1) }] }));
          await commands
            .handle(second!, async () => {
              throw new Error('the second effect failed');
            })
            .catch(() => undefined); // swallowed by a careless caller: the batch must still not commit
        }),
        /the second effect failed/,
      );
      assert.deepEqual(await outboxIds(replies), []);
      assert.equal((await commands.handle(first!, async () => ({ result: null, send: [] }))).kind, 'handled', 'its claim was rolled back');
    });
  });

  async function commitCount(): Promise<number> {
    const { rows } = await database.pool.query<{ commits: string }>('SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]?.commits ?? 0);
  }
});
