// `npm run dlt` against the native stack's Kafka and PostgreSQL: a real MessageConsumer dead-letters
// messages during a simulated outage, then the CLI (run as a user runs it) lists, shows and replays
// them to a consumer guarded by the inbox. The steps build on each other, in order.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { z } from 'zod';
import { createMessage, createMessageRegistry, defineMessage, parseMessageWith } from '@shop/contracts';
import { DEAD_LETTER_HEADERS, IdempotentCommands, MessageConsumer } from '@shop/messaging';
import { createMigratedDatabase, eventually } from '@shop/testing';
import { kafkaBrokers } from '../../libs/topology/src/topology.mjs';
import { headerText, REPLAY_HEADERS } from './dead-letter-record.mjs';

const repositoryRoot = new URL('../..', import.meta.url).pathname;
const brokers = process.env.KAFKA_BROKERS ?? kafkaBrokers;
const kafka = new Kafka({ clientId: 'dlt-cli-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const unique = (label) => `test.${label}.${randomBytes(4).toString('hex')}`;

/** Runs the CLI as `npm run dlt -- ...` would; resolves with its exit code and output. */
function dlt(...args) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', 'tools/dlt/cli.mjs', ...args],
      { cwd: repositoryRoot, env: { ...process.env, KAFKA_BROKERS: brokers } },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

async function dltSucceeds(...args) {
  const result = await dlt(...args);
  assert.equal(result.code, 0, `dlt ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Every record of a topic, from a group of the test's own. */
async function readTopic(topic, expected) {
  const consumer = kafka.consumer({ groupId: unique('dlt-cli-reader'), maxWaitTimeInMs: 100 });
  const messages = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ partition, message }) => void messages.push({ partition, ...message }) });
  const deadline = Date.now() + 30_000;
  while (messages.length < expected && Date.now() < deadline) await sleep(100);
  await consumer.disconnect();
  return messages;
}

async function recordCount(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, { low, high }) => sum + Number(high) - Number(low), 0);
}

describe('npm run dlt (real Kafka and PostgreSQL)', () => {
  const topic = unique('dlt-cli');
  const deadLetterTopic = `${topic}.dlt`;
  const groupId = unique('dlt-cli-group');
  const admin = kafka.admin();
  const credit = defineMessage({
    type: 'test.Credit',
    version: 1,
    topic,
    payloadSchema: z.object({ account: z.string(), cents: z.int() }),
    keyOf: (payload) => payload.account,
  });
  const messageA = createMessage(credit, { account: 'acct-a', cents: 500 }, { correlationId: 'acct-a', messageId: randomUUID() });
  const messageB = createMessage(credit, { account: 'acct-b', cents: 300 }, { correlationId: 'acct-b', messageId: randomUUID() });
  const handled = new Map();
  let outage = true;
  let database;
  let pool;
  let consumer;
  /** Addresses (`partition:offset`) on the dead-letter topic, as `list` printed them. */
  const addresses = {};

  const balance = async (account) => (await pool.query('SELECT cents FROM credits WHERE account = $1', [account])).rows[0]?.cents;

  before(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    database = await createMigratedDatabase({ service: 'messaging', label: 'dlt_cli', schema: 'libs/messaging/test/prisma/schema.prisma' });
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined); // the database is dropped under idle clients at the end
    await pool.query("CREATE TABLE credits (account text PRIMARY KEY, cents int NOT NULL); INSERT INTO credits VALUES ('acct-a', 0), ('acct-b', 0)");

    // The consumer's transactions: a pooled client between BEGIN and COMMIT, as a service's would be.
    const transactions = {
      async run(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    };
    const credits = new IdempotentCommands({
      consumerGroup: groupId,
      transactions,
      sqlOf: (client) => ({ $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount ?? 0 }),
    });
    const registry = createMessageRegistry([credit]);
    consumer = new MessageConsumer(kafka, {
      groupId,
      topics: [topic],
      parse: (raw, onTopic) => parseMessageWith(registry, raw, onTopic),
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
      logger: quietLogger,
      handle: async (message) => {
        if (outage) throw new Error('ledger database unavailable');
        const outcome = await credits.handle(message, async (client) => {
          await client.query('UPDATE credits SET cents = cents + $1 WHERE account = $2', [message.payload.cents, message.payload.account]);
          return { result: undefined, send: [] };
        });
        handled.set(message.messageId, [...(handled.get(message.messageId) ?? []), outcome.kind === 'handled' ? 'applied' : 'skipped']);
      },
    });
    await consumer.start();

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'acct-a', value: JSON.stringify(messageA), headers: { 'x-test': 'kept' } },
        { key: 'acct-b', value: JSON.stringify(messageB), headers: { 'x-test': 'kept' } },
        { key: 'acct-c', value: '{"not": json', headers: { 'x-test': 'kept' } },
      ],
    });
    await producer.disconnect();
    await eventually('the three messages are dead-lettered', async () => (await recordCount(admin, deadLetterTopic)) === 3);
    outage = false;
  });

  after(async () => {
    await consumer?.stop().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await database?.drop();
    await admin.disconnect();
  });

  it('list: each dead letter of the topic with its reason, counted per topic and per reason', async () => {
    const output = await dltSucceeds('list', topic);
    assert.match(output, new RegExp(`^${deadLetterTopic.replaceAll('.', '\\.')}: 3 dead letter\\(s\\), 3 not replayed, 0 replayed; HANDLER_FAILED 2, MALFORMED_JSON 1$`, 'm'));
    assert.match(output, /^total: 3 dead letter\(s\) in 1 of 1 dead-letter topic\(s\); HANDLER_FAILED 2, MALFORMED_JSON 1$/m);
    for (const line of output.split('\n')) {
      const match = /^ {2}(\d+:\d+)\s+(\S+)\s+pending\s/.exec(line);
      if (!match) continue;
      const name = line.includes(messageA.messageId) ? 'a' : line.includes(messageB.messageId) ? 'b' : match[2] === 'MALFORMED_JSON' ? 'malformed' : undefined;
      addresses[name] = match[1];
    }
    assert.deepEqual(Object.keys(addresses).sort(), ['a', 'b', 'malformed'], output);

    const everything = await dlt('list');
    assert.ok(everything.stdout.includes(`${deadLetterTopic}: 3 dead letter(s)`), `list without a topic covers every dead-letter topic:\n${everything.stdout}${everything.stderr}`);
  });

  it('show: one dead letter with its reason, origin, headers and envelope, by address or by message id', async () => {
    const byAddress = await dltSucceeds('show', topic, addresses.a);
    assert.match(byAddress, /reason {9}HANDLER_FAILED after 2 attempt\(s\)/);
    assert.match(byAddress, /detail {9}Error: ledger database unavailable/);
    assert.match(byAddress, new RegExp(`from {11}${topic.replaceAll('.', '\\.')} partition \\d offset \\d+, consumer group ${groupId.replaceAll('.', '\\.')}`));
    assert.match(byAddress, /^ {4}x-test: kept$/m);
    assert.match(byAddress, new RegExp(`^ {4}${DEAD_LETTER_HEADERS.reason}: HANDLER_FAILED$`, 'm'));
    assert.ok(byAddress.includes(`\n  envelope\n    {\n      "messageId": "${messageA.messageId}",`), byAddress);
    assert.ok(byAddress.includes('\n        "cents": 500\n'), 'the payload is pretty-printed');

    assert.equal(await dltSucceeds('show', deadLetterTopic, messageA.messageId), byAddress);
    assert.match(await dltSucceeds('show', topic, addresses.malformed), /reason {9}MALFORMED_JSON, refused before any attempt[\s\S]*value \(not a JSON object\)\n {4}\{"not": json/);
  });

  it('replay one: back to its topic with its key, value and headers plus the replay headers, applied once by the inbox-guarded consumer', async () => {
    const output = await dltSucceeds('replay', topic, addresses.a);
    assert.match(output, new RegExp(`^↻ ${deadLetterTopic.replaceAll('.', '\\.')} ${addresses.a} → ${topic.replaceAll('.', '\\.')} \\d:\\d+ .*message ${messageA.messageId}.*replay #1$`, 'm'));
    assert.match(output, /^✔ replayed 1 dead letter\(s\)/m);
    await eventually('the replayed credit is applied', async () => (await balance('acct-a')) === 500);

    const replayed = (await readTopic(topic, 4)).filter((message) => message.headers[REPLAY_HEADERS.replayedFrom]);
    assert.equal(replayed.length, 1);
    const [record] = replayed;
    assert.equal(record.key.toString(), 'acct-a');
    assert.equal(record.value.toString(), JSON.stringify(messageA), 'the value, and so the message id, is unchanged');
    assert.equal(headerText(record.headers[REPLAY_HEADERS.replayedFrom]), `${deadLetterTopic}:${addresses.a}`);
    assert.equal(headerText(record.headers[REPLAY_HEADERS.replayCount]), '1');
    assert.ok(Math.abs(Date.parse(headerText(record.headers[REPLAY_HEADERS.replayedAt])) - Date.now()) < 60_000);
    assert.equal(headerText(record.headers['x-test']), 'kept');
    assert.equal(record.headers[DEAD_LETTER_HEADERS.reason], undefined, 'the dead-letter headers stay on the dead-letter topic');
    assert.deepEqual(handled.get(messageA.messageId), ['applied']);
  });

  it('replay one again: nothing sent, unless --again; then the inbox skips it and the balance stays', async () => {
    const sentBefore = await recordCount(admin, topic);
    assert.match(await dltSucceeds('replay', topic, addresses.a), /^already replayed: .* nothing sent \(--again resends it\)$/m);
    assert.equal(await recordCount(admin, topic), sentBefore);

    assert.match(await dltSucceeds('replay', topic, messageA.messageId, '--again'), /^✔ replayed 1 dead letter\(s\)/m);
    await eventually('the resent credit is handled', () => handled.get(messageA.messageId)?.length === 2);
    assert.deepEqual(handled.get(messageA.messageId), ['applied', 'skipped']);
    assert.equal(await balance('acct-a'), 500);
  });

  it('replay --all: what no replay sent yet, once; a second --all sends only what was dead-lettered since', async () => {
    const output = await dltSucceeds('replay', topic, '--all');
    const lines = output.split('\n').filter((line) => line.startsWith('↻'));
    assert.deepEqual(lines.map((line) => line.split(' ')[2]).sort(), [addresses.b, addresses.malformed].sort(), output);
    assert.match(output, /^✔ replayed 2 dead letter\(s\) .*; 1 skipped, replayed before \(--again resends them\)$/m);
    await eventually('the second credit is applied', async () => (await balance('acct-b')) === 300);
    // The malformed message fails again, and comes back to the dead-letter topic as a new dead letter.
    await eventually('the malformed message is dead-lettered again', async () => (await recordCount(admin, deadLetterTopic)) === 4);

    const second = await dltSucceeds('replay', topic, '--all');
    const secondLines = second.split('\n').filter((line) => line.startsWith('↻'));
    assert.equal(secondLines.length, 1, second);
    assert.ok(![addresses.a, addresses.b, addresses.malformed].includes(secondLines[0].split(' ')[2]), 'none of the earlier dead letters is resent');
    assert.match(secondLines[0], /MALFORMED_JSON {2}replay #2$/, 'its second trip from the dead-letter topic');
    assert.match(second, /; 3 skipped, replayed before/);

    await eventually('the malformed message is dead-lettered a third time', async () => (await recordCount(admin, deadLetterTopic)) === 5);
    assert.match(await dltSucceeds('list', deadLetterTopic), /: 5 dead letter\(s\), 1 not replayed, 4 replayed; HANDLER_FAILED 2, MALFORMED_JSON 3$/m);
  });

  it('replay --all --again: every dead letter once more, and the inbox keeps each credit applied once', async () => {
    const output = await dltSucceeds('replay', topic, '--all', '--again');
    assert.equal(output.split('\n').filter((line) => line.startsWith('↻')).length, 5, output);
    await eventually('the resent credits are handled', () => handled.get(messageA.messageId)?.length === 3 && handled.get(messageB.messageId)?.length === 2);
    assert.deepEqual(handled.get(messageB.messageId), ['applied', 'skipped']);
    assert.equal(await balance('acct-a'), 500);
    assert.equal(await balance('acct-b'), 300);
  });

  it('turns a second replayer of the same topic away while one holds the replayer group', async () => {
    const holder = kafka.consumer({ groupId: `${deadLetterTopic}.replayer`, maxWaitTimeInMs: 100 });
    await holder.connect();
    await holder.subscribe({ topics: [deadLetterTopic] });
    await holder.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    holder.pause([{ topic: deadLetterTopic }]);
    try {
      const result = await dlt('replay', topic, '--all');
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /✖ another replayer of .* is running/);
    } finally {
      await holder.disconnect();
    }
  });

  it('answers bad arguments with exit code 2 and the usage, an unknown topic or address with exit code 1', async () => {
    for (const args of [[], ['purge'], ['show', topic], ['replay', topic], ['replay', topic, '0:0', '--all'], ['list', '--again']]) {
      const result = await dlt(...args);
      assert.equal(result.code, 2, `dlt ${args.join(' ')}`);
      assert.match(result.stderr, /^✖ .*\n\nUsage: npm run dlt -- <command>/, `dlt ${args.join(' ')}`);
    }
    const unknownTopic = await dlt('show', unique('no-such-topic'), '0:0');
    assert.equal(unknownTopic.code, 1);
    assert.match(unknownTopic.stderr, /✖ no topic test\.no-such-topic\.\w+\.dlt on this Kafka/);
    const unknownAddress = await dlt('replay', topic, '0:999');
    assert.equal(unknownAddress.code, 1);
    assert.match(unknownAddress.stderr, /✖ no dead letter at .* 0:999 \(partition 0 (holds offsets \d+ to \d+|is empty)\)/);
  });
});
