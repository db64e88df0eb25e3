import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { TaskCancelledError } from 'cockatiel';
import { DependencyTimeoutError } from '../failures/dependency-timeout.error.js';
import { GrpcStatus } from '../failures/grpc-status.js';
import { fastPolicy, grpcError, hangingUntilAborted, scriptedDependency } from '../testing/resilience.fixtures.js';

const unavailable = async (): Promise<string> => {
  throw grpcError(GrpcStatus.UNAVAILABLE);
};

describe('deadline and timeouts', () => {
  it('the deadline stops retrying: no attempt starts after it', async (test) => {
    test.mock.method(Math, 'random', () => 0.999);
    const policy = fastPolicy({
      deadlineMs: 100,
      attemptTimeout: { readMs: 100, writeMs: 100 },
      retry: { maxAttempts: 10, initialDelayMs: 40, maxDelayMs: 40 },
      circuitBreaker: { failureThreshold: 100 },
    });
    const dependency = scriptedDependency(unavailable);

    await assert.rejects(policy.execute(dependency.fn, { operation: 'read' }), (error: unknown) => {
      assert.ok(error instanceof DependencyTimeoutError);
      assert.equal(error.scope, 'deadline');
      assert.equal(error.budgetMs, 100);
      return true;
    });
    const attemptsWithinDeadline = dependency.calls.length;
    assert.ok(attemptsWithinDeadline >= 1 && attemptsWithinDeadline <= 3, `${attemptsWithinDeadline} attempts`);
    await sleep(120);
    assert.equal(dependency.calls.length, attemptsWithinDeadline, 'a backoff that outlived the deadline started no attempt');
  });

  it('the deadline aborts the attempt in flight through its AbortSignal', async (test) => {
    test.mock.method(Math, 'random', () => 0.999);
    const policy = fastPolicy({
      deadlineMs: 200,
      attemptTimeout: { readMs: 180, writeMs: 180 },
      retry: { maxAttempts: 3, initialDelayMs: 40, maxDelayMs: 40 },
    });
    let secondAttemptSettled: Promise<unknown> = Promise.resolve();
    const dependency = scriptedDependency(unavailable, (signal) => {
      const attempt = hangingUntilAborted(signal);
      secondAttemptSettled = attempt.catch((error: unknown) => error);
      return attempt;
    });

    // Attempt 2 starts after the 39 ms backoff; its own timeout would end it after 219 ms, the deadline at 200 ms.
    await assert.rejects(policy.execute(dependency.fn, { operation: 'read' }), { name: 'DependencyTimeoutError', scope: 'deadline' });
    assert.equal(dependency.calls.length, 2);
    assert.equal(dependency.calls[1]?.aborted, true);
    assert.match(String(await secondAttemptSettled), /aborted by signal/);
  });

  it('a retry waking after the deadline does not become the half-open probe', async (test) => {
    test.mock.method(Math, 'random', () => 0.999);
    const policy = fastPolicy({
      deadlineMs: 60,
      attemptTimeout: { readMs: 60, writeMs: 60 },
      retry: { maxAttempts: 2, initialDelayMs: 150, maxDelayMs: 150 },
      circuitBreaker: { failureThreshold: 1, openDurationMs: 50, maxOpenDurationMs: 50 },
    });
    const dependency = scriptedDependency(unavailable);
    await assert.rejects(policy.execute(dependency.fn, { operation: 'read' }), { name: 'DependencyTimeoutError', scope: 'deadline' });
    assert.equal(policy.state, 'open');
    // The retry's 149 ms backoff ends after the 50 ms cool-down, long after the 60 ms deadline.
    await sleep(200);
    assert.equal(dependency.calls.length, 1);
    assert.equal(policy.state, 'open', 'still open: nothing probed the dependency');
  });

  it('an attempt over its timeout is aborted and counts against the breaker', async () => {
    const policy = fastPolicy({ attemptTimeout: { readMs: 30, writeMs: 30 }, circuitBreaker: { failureThreshold: 2, openDurationMs: 60_000 } });
    const dependency = scriptedDependency(hangingUntilAborted);
    const write = { operation: 'write', idempotent: false } as const;

    await assert.rejects(policy.execute(dependency.fn, write), { name: 'DependencyTimeoutError', scope: 'attempt', budgetMs: 30 });
    assert.equal(dependency.calls[0]?.aborted, true);
    await assert.rejects(policy.execute(dependency.fn, write), DependencyTimeoutError);
    assert.equal(policy.state, 'open');
  });

  it('uses the read timeout for reads and the write timeout for writes', async () => {
    const policy = fastPolicy({ attemptTimeout: { readMs: 20, writeMs: 60 }, retry: { maxAttempts: 1 } });
    const slowAnswer = (signal: AbortSignal) => Promise.race([sleep(40, 'answer'), hangingUntilAborted(signal)]);
    await assert.rejects(policy.execute(slowAnswer, { operation: 'read' }), { name: 'DependencyTimeoutError', budgetMs: 20 });
    assert.equal(await policy.execute(slowAnswer, { operation: 'write', idempotent: false }), 'answer');
  });

  it("a caller's cancellation aborts the attempt, is not retried and does not count against the breaker", async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 1, openDurationMs: 60_000 } });
    const dependency = scriptedDependency(hangingUntilAborted);
    for (let call = 0; call < 3; call++) {
      const caller = new AbortController();
      const pending = policy.execute(dependency.fn, { operation: 'read', signal: caller.signal });
      setTimeout(() => caller.abort(), 10);
      await assert.rejects(pending, (error: unknown) => {
        assert.ok(error instanceof TaskCancelledError);
        assert.ok(!(error instanceof DependencyTimeoutError));
        return true;
      });
    }
    assert.equal(dependency.calls.length, 3);
    assert.ok(dependency.calls.every((signal) => signal.aborted));
    assert.equal(policy.state, 'closed');
  });

  it('does not call the dependency at all for a caller that has already given up', async () => {
    const policy = fastPolicy();
    const dependency = scriptedDependency(async () => 'unused');
    await assert.rejects(policy.execute(dependency.fn, { operation: 'read', signal: AbortSignal.abort() }), TaskCancelledError);
    assert.equal(dependency.calls.length, 0);
  });
});
