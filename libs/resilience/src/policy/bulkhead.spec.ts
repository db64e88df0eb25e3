import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { BulkheadRejectedError } from 'cockatiel';
import { Deferred, deferred, fastPolicy } from '../testing/resilience.fixtures.js';
import { RetryEvent } from './resilience.policy.js';

describe('bulkhead', () => {
  it('runs maxConcurrent calls, queues maxQueued more and rejects the rest at once', async () => {
    const policy = fastPolicy({ bulkhead: { maxConcurrent: 2, maxQueued: 1 }, circuitBreaker: { failureThreshold: 1 } });
    const answers: Array<Deferred<string>> = [];
    const started: string[] = [];
    const call = (label: string) =>
      policy.execute(() => {
        started.push(label);
        const answer = deferred<string>();
        answers.push(answer);
        return answer.promise;
      }, { operation: 'read' });

    const first = call('first');
    const second = call('second');
    const queued = call('queued');
    const retries: RetryEvent[] = [];
    policy.onRetry((event) => retries.push(event));
    await assert.rejects(call('rejected'), BulkheadRejectedError);
    await assert.rejects(call('rejected too'), BulkheadRejectedError);
    assert.deepEqual(started, ['first', 'second']);

    answers[0]?.resolve('one');
    assert.equal(await first, 'one');
    await setImmediate();
    assert.deepEqual(started, ['first', 'second', 'queued'], 'the queued call ran when a slot freed up');
    answers[1]?.resolve('two');
    answers[2]?.resolve('three');
    assert.deepEqual(await Promise.all([second, queued]), ['two', 'three']);

    assert.deepEqual(retries, [], 'a rejected read is not retried');
    assert.equal(policy.state, 'closed', 'rejections are not failures of the dependency');
  });
});
