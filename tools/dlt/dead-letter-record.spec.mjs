import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEAD_LETTER_HEADERS } from '@shop/messaging';
import { readDeadLetter, REPLAY_HEADERS, toReplayRecord } from './dead-letter-record.mjs';

const envelope = { messageId: '0F8E4E17-13c1-4c10-bb51-bb7070a7bbd0', type: 'payment.CapturePayment', version: 1, payload: { orderId: 'order-1' } };
const message = {
  key: Buffer.from('order-1'),
  value: Buffer.from(JSON.stringify(envelope)),
  timestamp: '1796400000000',
  offset: '12',
  headers: {
    traceparent: Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'),
    [DEAD_LETTER_HEADERS.reason]: Buffer.from('HANDLER_FAILED'),
    [DEAD_LETTER_HEADERS.detail]: Buffer.from('Error: boom'),
    [DEAD_LETTER_HEADERS.attempts]: Buffer.from('3'),
    [DEAD_LETTER_HEADERS.originalTopic]: Buffer.from('payment.commands.v1'),
    [DEAD_LETTER_HEADERS.originalPartition]: Buffer.from('2'),
    [DEAD_LETTER_HEADERS.originalOffset]: Buffer.from('41'),
    [DEAD_LETTER_HEADERS.consumerGroup]: Buffer.from('payment-service'),
  },
};

describe('a dead-letter record', () => {
  const deadLetter = readDeadLetter('payment.commands.v1.dlt', 1, message);

  it('reads what the consumer wrote: why, where from, and the envelope', () => {
    assert.equal(deadLetter.address, '1:12');
    assert.equal(deadLetter.reason, 'HANDLER_FAILED');
    assert.equal(deadLetter.attempts, 3);
    assert.equal(deadLetter.originalTopic, 'payment.commands.v1');
    assert.equal(deadLetter.originalPartition, 2);
    assert.equal(deadLetter.messageId, '0f8e4e17-13c1-4c10-bb51-bb7070a7bbd0');
    assert.equal(deadLetter.type, 'payment.CapturePayment v1');
    assert.equal(deadLetter.replayCount, 0);
  });

  it('reads a value that is not JSON as text, without an envelope', () => {
    const malformed = readDeadLetter('payment.commands.v1.dlt', 0, { ...message, value: Buffer.from('{not json') });
    assert.equal(malformed.envelope, undefined);
    assert.equal(malformed.text, '{not json');
  });

  it('is replayed to its partition with its key, value and headers, without the dead-letter headers, with the replay headers', () => {
    const replayedAt = new Date('2026-12-05T10:00:00.000Z');
    const record = toReplayRecord(deadLetter, replayedAt);
    assert.equal(record.key, message.key);
    assert.equal(record.value, message.value);
    assert.equal(record.partition, 2);
    assert.deepEqual(Object.keys(record.headers).sort(), ['traceparent', ...Object.values(REPLAY_HEADERS)].sort());
    assert.equal(record.headers.traceparent, message.headers.traceparent);
    assert.equal(record.headers[REPLAY_HEADERS.replayedAt], '2026-12-05T10:00:00.000Z');
    assert.equal(record.headers[REPLAY_HEADERS.replayedFrom], 'payment.commands.v1.dlt:1:12');
    assert.equal(record.headers[REPLAY_HEADERS.replayCount], '1');
  });

  it('counts on from the replays the message had been through before it was dead-lettered again', () => {
    const again = readDeadLetter('payment.commands.v1.dlt', 1, { ...message, headers: { ...message.headers, [REPLAY_HEADERS.replayCount]: Buffer.from('2') } });
    assert.equal(toReplayRecord(again, new Date()).headers[REPLAY_HEADERS.replayCount], '3');
  });
});
