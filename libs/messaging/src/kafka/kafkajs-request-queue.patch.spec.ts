import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { KafkaJsRequestQueue } from './kafkajs-request-queue.patch.js';

const silentLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined };
const queues: InstanceType<typeof KafkaJsRequestQueue>[] = [];

function requestQueue() {
  const queue = new KafkaJsRequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'test', broker: 'b:9092', logger: silentLogger });
  queues.push(queue);
  return queue;
}

describe('kafkajs request queue (patched idle loop)', () => {
  afterEach(() => {
    for (const queue of queues.splice(0)) if (queue.throttleCheckTimeoutId) clearTimeout(queue.throttleCheckTimeoutId);
  });

  it('arms no timer when nothing is pending and nothing throttles: an idle connection sleeps', () => {
    const queue = requestQueue();
    queue.scheduleCheckPendingRequests();
    assert.equal(queue.throttleCheckTimeoutId, null);
  });

  it('still checks later when a request waits (in-flight limit reached)', () => {
    const queue = requestQueue();
    queue.pending.push({});
    queue.scheduleCheckPendingRequests();
    assert.notEqual(queue.throttleCheckTimeoutId, null);
  });

  it('still checks when a broker throttle ends', () => {
    const queue = requestQueue();
    queue.throttledUntil = Date.now() + 5_000;
    queue.scheduleCheckPendingRequests();
    assert.notEqual(queue.throttleCheckTimeoutId, null);
  });
});
