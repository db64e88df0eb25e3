import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costPerMessage } from './kafka-hop.mjs';

describe('costPerMessage', () => {
  it('is the CPU of the window above idle, per message consumed', () => {
    const cost = costPerMessage({ brokerMs: 1300, clientMs: 900, seconds: 10, messages: 1000 }, { brokerMsPerSecond: 10, clientMsPerSecond: 40 });
    assert.deepEqual(cost, { brokerMs: 1.2, clientMs: 0.5 });
  });

  it('never goes below zero when the window used less than its idle share', () => {
    const cost = costPerMessage({ brokerMs: 50, clientMs: 10, seconds: 10, messages: 100 }, { brokerMsPerSecond: 10, clientMsPerSecond: 5 });
    assert.deepEqual(cost, { brokerMs: 0, clientMs: 0 });
  });
});
