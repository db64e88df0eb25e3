import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, toDeadLetterMessage } from './dead-letter.js';
import { retryOptionsSchema } from './retry-options.js';

const original: KafkaMessage = {
  key: Buffer.from('order-1'),
  value: Buffer.from('{"type":"x"}'),
  headers: { traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') },
  offset: '41',
  timestamp: '0',
  attributes: 0,
};

describe('dead-letter record', () => {
  const record = toDeadLetterMessage({ reason: 'HANDLER_FAILED', detail: 'Error: boom', attempts: 3, topic: 'payment.commands.v1', partition: 2, consumerGroup: 'payment-service', message: original });

  it('keeps the key, the value and the original headers as they were', () => {
    assert.equal(record.key, original.key);
    assert.equal(record.value, original.value);
    assert.equal(record.headers?.traceparent, original.headers.traceparent);
  });

  it('says why, after how many attempts, and where the message came from', () => {
    assert.deepEqual(
      Object.fromEntries(Object.values(DEAD_LETTER_HEADERS).map((name) => [name, record.headers?.[name]])),
      {
        'x-dead-letter-reason': 'HANDLER_FAILED',
        'x-dead-letter-detail': 'Error: boom',
        'x-dead-letter-attempts': '3',
        'x-original-topic': 'payment.commands.v1',
        'x-original-partition': '2',
        'x-original-offset': '41',
        'x-consumer-group': 'payment-service',
      },
    );
  });

  it('cuts a huge error detail to 2,000 characters', () => {
    const long = toDeadLetterMessage({ reason: 'HANDLER_FAILED', detail: 'x'.repeat(10_000), attempts: 1, topic: 't', partition: 0, consumerGroup: 'g', message: original });
    assert.equal(String(long.headers?.[DEAD_LETTER_HEADERS.detail]).length, 2000);
  });
});

describe('consumer retry options', () => {
  it('defaults to 3 attempts, exponential from 1 s up to 10 s', () => {
    assert.deepEqual(retryOptionsSchema.parse({}), { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 10_000 });
  });

  it('refuses a cap below the first delay and unknown keys', () => {
    assert.equal(retryOptionsSchema.safeParse({ initialDelayMs: 500, maxDelayMs: 100 }).success, false);
    assert.equal(retryOptionsSchema.safeParse({ attempts: 3 }).success, false);
  });
});
