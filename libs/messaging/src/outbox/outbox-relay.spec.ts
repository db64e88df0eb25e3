import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kafka } from 'kafkajs';
import { OutboxRelay } from './outbox-relay.js';

// Construction only: the relay connects to nothing before start().
const base = { databaseUrl: 'postgresql://nobody@127.0.0.1:1/none', kafka: new Kafka({ brokers: ['127.0.0.1:1'] }) };

describe('OutboxRelay options', () => {
  it('refuses a stamp delay as long as the writer lease: the relay would publish the unstamped rows again', () => {
    assert.throws(
      () => new OutboxRelay({ ...base, writerLeaseMs: 1_000, stampDelayMs: 1_000 }),
      /stampDelayMs \(1000\) must be shorter than writerLeaseMs \(1000\)/,
    );
  });

  it('shortens the default stamp delay (2 s) to a quarter of a lease shorter than 8 s', () => {
    assert.doesNotThrow(() => new OutboxRelay({ ...base, writerLeaseMs: 1_000 }));
    assert.doesNotThrow(() => new OutboxRelay({ ...base, writerLeaseMs: 2_000 }));
  });
});
