import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deadLetterTopicOf } from '@shop/contracts';
import { eventually } from '@shop/testing';
import kafkajs, { type Kafka } from 'kafkajs';
import { createTopic, ping, pingParser, quietLogger, readTopic, testKafka, uniqueName } from '../testing/kafka-fixtures.js';
import { DEAD_LETTER_HEADERS } from './dead-letter.js';
import { MessageConsumer } from './message-consumer.js';
import { CodedError } from '@shop/errors';
import { NonRetryableMessageError } from './non-retryable-message.error.js';

type Ping = ReturnType<typeof ping>;

async function produce(kafka: Kafka, topic: string, values: Array<{ key: string; value: string; headers?: Record<string, string> }>): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: values });
  await producer.disconnect();
}

const asRecord = (message: Ping) => ({ key: message.payload.aggregateId, value: JSON.stringify(message), headers: { 'x-test': 'kept' } });
const header = (headers: Record<string, unknown> | undefined, name: string) => headers?.[name]?.toString();

describe('message consumer (real Kafka)', () => {
  const kafka = testKafka();
  const consumers: MessageConsumer<Ping>[] = [];

  function startConsumer(topic: string, groupId: string, handle: (message: Ping, attempt: number) => Promise<void>, maxAttempts = 3) {
    const consumer = new MessageConsumer<Ping>(kafka, {
      groupId,
      topics: [topic],
      parse: pingParser(topic),
      retry: { maxAttempts, initialDelayMs: 10, maxDelayMs: 50 },
      handle: (message, delivery) => handle(message, delivery.attempt),
      logger: quietLogger,
    });
    consumers.push(consumer);
    return consumer.start().then(() => consumer);
  }

  after(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop().catch(() => undefined)));
  });

  describe('a poison message on a partition', () => {
    const topic = uniqueName('poison');
    const groupId = uniqueName('poison-group');
    const handled: number[] = [];
    let poisonAttempts = 0;
    let deadLetters: Awaited<ReturnType<typeof readTopic>> = [];

    before(async () => {
      await createTopic(kafka, topic, 1);
      await produce(kafka, topic, [
        asRecord(ping(topic, 'order-1', 1)),
        asRecord(ping(topic, 'order-1', 2, true)),
        asRecord(ping(topic, 'order-1', 3)),
        { key: 'order-1', value: '{not json' },
        asRecord(ping(topic, 'order-1', 4)),
      ]);
      await startConsumer(topic, groupId, async (message) => {
        if (message.payload.poison) {
          poisonAttempts += 1;
          throw new Error('the handler cannot process this message');
        }
        handled.push(message.payload.sequence);
      });
      await eventually('the later messages are handled', () => handled.length === 3);
      deadLetters = await readTopic(kafka, deadLetterTopicOf(topic), (messages) => messages.length >= 2);
    });

    it('is tried the configured number of times, then dead-lettered with the error, the attempt count and its original headers', () => {
      assert.equal(poisonAttempts, 3);
      const poison = deadLetters.find((message) => header(message.headers, DEAD_LETTER_HEADERS.reason) === 'HANDLER_FAILED');
      assert.ok(poison, 'the poison message reached the dead-letter topic');
      assert.equal(header(poison.headers, DEAD_LETTER_HEADERS.attempts), '3');
      assert.match(header(poison.headers, DEAD_LETTER_HEADERS.detail) ?? '', /the handler cannot process this message/);
      assert.equal(header(poison.headers, 'x-test'), 'kept');
      assert.equal(header(poison.headers, DEAD_LETTER_HEADERS.originalTopic), topic);
      assert.equal(poison.key?.toString(), 'order-1');
      assert.equal(JSON.parse(poison.value!.toString()).payload.sequence, 2);
    });

    it('does not stop the messages after it on the same partition, which are handled in order', () => {
      assert.deepEqual(handled, [1, 3, 4]);
    });

    it('dead-letters a value that is not JSON at once, with the reason, without calling the handler', () => {
      const malformed = deadLetters.find((message) => header(message.headers, DEAD_LETTER_HEADERS.reason) === 'MALFORMED_JSON');
      assert.ok(malformed, 'the malformed message reached the dead-letter topic');
      assert.equal(header(malformed.headers, DEAD_LETTER_HEADERS.attempts), '0');
      assert.equal(malformed.value?.toString(), '{not json');
    });

    it('commits what it handled or parked: the group starts after them next time', async () => {
      await consumers.pop()!.stop();
      let redelivered = 0;
      await produce(kafka, topic, [asRecord(ping(topic, 'order-1', 5))]);
      await startConsumer(topic, groupId, async (message) => {
        if (message.payload.sequence !== 5) redelivered += 1;
        handled.push(message.payload.sequence);
      });
      await eventually('the new message is handled', () => handled.includes(5));
      assert.equal(redelivered, 0);
    });
  });

  it('dead-letters after one attempt when the handler says the message can never succeed', async () => {
    const topic = uniqueName('non-retryable');
    await createTopic(kafka, topic, 1);
    await produce(kafka, topic, [asRecord(ping(topic, 'order-2', 1))]);
    let attempts = 0;
    await startConsumer(topic, uniqueName('non-retryable-group'), async () => {
      attempts += 1;
      throw new NonRetryableMessageError('the order is already closed');
    });
    const [deadLetter] = await readTopic(kafka, deadLetterTopicOf(topic), (messages) => messages.length >= 1);
    assert.equal(attempts, 1);
    assert.equal(header(deadLetter?.headers, DEAD_LETTER_HEADERS.attempts), '1');
  });

  it('dead-letters a coded refusal after one attempt, and retries a coded error of a kind that may pass (UNAVAILABLE)', async () => {
    const topic = uniqueName('coded');
    await createTopic(kafka, topic, 1);
    await produce(kafka, topic, [asRecord(ping(topic, 'order-4', 1)), asRecord(ping(topic, 'order-5', 2))]);
    const attempts = new Map<number, number>();
    let recovered = false;
    await startConsumer(topic, uniqueName('coded-group'), async (message, attempt) => {
      attempts.set(message.payload.sequence, attempt);
      if (message.payload.sequence === 1) throw new CodedError('SHOP.CLOSED', 'FAILED_PRECONDITION', 'SHOP.CLOSED: the order is closed');
      if (attempt < 2) throw new CodedError('SHOP.LEDGER_DOWN', 'UNAVAILABLE', 'SHOP.LEDGER_DOWN: the ledger did not answer');
      recovered = true;
    });
    const [deadLetter] = await readTopic(kafka, deadLetterTopicOf(topic), (messages) => messages.length >= 1);
    await eventually('the transient one is handled', () => recovered);
    assert.equal(attempts.get(1), 1);
    assert.equal(header(deadLetter?.headers, DEAD_LETTER_HEADERS.attempts), '1');
    assert.match(header(deadLetter?.headers, DEAD_LETTER_HEADERS.detail) ?? '', /SHOP\.CLOSED/);
    assert.equal(attempts.get(2), 2);
  });

  it('retries a handler that fails transiently and handles the message once it succeeds', async () => {
    const topic = uniqueName('transient');
    await createTopic(kafka, topic, 1);
    await produce(kafka, topic, [asRecord(ping(topic, 'order-3', 1))]);
    const attempts: number[] = [];
    let succeeded = false;
    await startConsumer(topic, uniqueName('transient-group'), async (_message, attempt) => {
      attempts.push(attempt);
      if (attempt < 2) throw new Error('database briefly unavailable');
      succeeded = true;
    });
    await eventually('the message is handled', () => succeeded);
    assert.deepEqual(attempts, [1, 2]);
  });

  it('starts again when kafkajs gives up on it, and handles what came meanwhile', async () => {
    // kafkajs stops a consumer for good after an error it calls final ("Failed to find group
    // coordinator" from a broker restarting gracefully); a parser that throws such an error once
    // takes the consumer down the same path: a crash with restart: false.
    const topic = uniqueName('given-up');
    await createTopic(kafka, topic, 1);
    const crashes: string[] = [];
    const handled: number[] = [];
    const parse = pingParser(topic);
    let thrown = false;
    const consumer = new MessageConsumer<Ping>(kafka, {
      groupId: uniqueName('given-up-group'),
      topics: [topic],
      parse: (raw, from) => {
        if (!thrown) {
          thrown = true;
          throw new kafkajs.KafkaJSNonRetriableError('the group coordinator is gone');
        }
        return parse(raw, from);
      },
      handle: async (message) => void handled.push(message.payload.sequence),
      logger: { ...quietLogger, error: (message: string) => void crashes.push(message) },
    });
    consumers.push(consumer);
    await consumer.start();
    await produce(kafka, topic, [asRecord(ping(topic, 'order-9', 1))]);
    await eventually('kafkajs gave up on the consumer', () => crashes.some((message) => /restart: false/.test(message)));
    await produce(kafka, topic, [asRecord(ping(topic, 'order-9', 2))]);
    await eventually('both messages are handled once the consumer runs again', () => handled.length === 2, { timeoutMs: 15_000 });
    assert.deepEqual(handled, [1, 2]);
  });

  it('hands what one fetch brings to `batch` at once, parks what does not parse between runs, and falls back to one by one when a batch fails', async () => {
    const topic = uniqueName('batched');
    await createTopic(kafka, topic, 1);
    // All there before the consumer starts, so its first fetch brings them together.
    await produce(kafka, topic, [
      asRecord(ping(topic, 'order-4', 1)),
      asRecord(ping(topic, 'order-4', 2)),
      { key: 'order-4', value: 'not json' },
      asRecord(ping(topic, 'order-4', 3)),
      asRecord(ping(topic, 'order-4', 4, true)),
      asRecord(ping(topic, 'order-4', 5)),
    ]);
    const batchSizes: number[] = [];
    const committed: number[] = [];
    let inBatch: number[] | undefined;
    const consumer = new MessageConsumer<Ping>(kafka, {
      groupId: uniqueName('batched-group'),
      topics: [topic],
      parse: pingParser(topic),
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
      // What IdempotentCommands.inBatch does: all of the run, or nothing of it.
      batch: async (work) => {
        inBatch = [];
        try {
          await work();
          batchSizes.push(inBatch.length);
          committed.push(...inBatch);
        } finally {
          inBatch = undefined;
        }
      },
      handle: async (message) => {
        if (message.payload.poison) throw new Error('cannot be handled');
        if (inBatch) inBatch.push(message.payload.sequence);
        else committed.push(message.payload.sequence);
      },
      logger: quietLogger,
    });
    consumers.push(consumer);
    await consumer.start();
    const deadLetters = await readTopic(kafka, deadLetterTopicOf(topic), (messages) => messages.length >= 2);
    await eventually('every message that can be is handled', () => committed.length === 4);
    assert.deepEqual(committed, [1, 2, 3, 5], 'in order, each once: the failed batch counted for nothing');
    assert.deepEqual(batchSizes[0], 2, 'the two messages before the unparseable one went together');
    assert.deepEqual(
      deadLetters.map((message) => header(message.headers, DEAD_LETTER_HEADERS.reason)),
      ['MALFORMED_JSON', 'HANDLER_FAILED'],
    );
  });
});
