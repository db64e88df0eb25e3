import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError } from 'cockatiel';
import { GrpcStatus } from '../failures/grpc-status.js';
import { fastPolicy, grpcError, scriptedDependency } from '../testing/resilience.fixtures.js';
import { RetryEvent } from './resilience.policy.js';

const failWith = (status: GrpcStatus) => async (): Promise<string> => {
  throw grpcError(status);
};

describe('retry', () => {
  it('does not retry a write that is not idempotent', async () => {
    const policy = fastPolicy();
    const dependency = scriptedDependency(failWith(GrpcStatus.UNAVAILABLE));
    await assert.rejects(policy.execute(dependency.fn, { operation: 'write', idempotent: false }), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(dependency.calls.length, 1);
  });

  it('retries a read on transient failures until it succeeds', async () => {
    const policy = fastPolicy();
    const dependency = scriptedDependency(failWith(GrpcStatus.UNAVAILABLE), failWith(GrpcStatus.DEADLINE_EXCEEDED), async () => 'stock');
    assert.equal(await policy.execute(dependency.fn, { operation: 'read' }), 'stock');
    assert.equal(dependency.calls.length, 3);
  });

  it('retries a write that is idempotent (it carries an idempotency key)', async () => {
    const policy = fastPolicy();
    const dependency = scriptedDependency(failWith(GrpcStatus.UNAVAILABLE), async () => 'order placed');
    assert.equal(await policy.execute(dependency.fn, { operation: 'write', idempotent: true }), 'order placed');
    assert.equal(dependency.calls.length, 2);
  });

  it('gives up after maxAttempts attempts in all, with the last error', async () => {
    const policy = fastPolicy({ retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 2 }, circuitBreaker: { failureThreshold: 10 } });
    const dependency = scriptedDependency(failWith(GrpcStatus.UNAVAILABLE), failWith(GrpcStatus.UNAVAILABLE), failWith(GrpcStatus.UNAVAILABLE), failWith(GrpcStatus.RESOURCE_EXHAUSTED));
    await assert.rejects(policy.execute(dependency.fn, { operation: 'read' }), { code: GrpcStatus.RESOURCE_EXHAUSTED });
    assert.equal(dependency.calls.length, 4);
  });

  it('never retries a business error', async () => {
    const policy = fastPolicy();
    const dependency = scriptedDependency(failWith(GrpcStatus.FAILED_PRECONDITION));
    await assert.rejects(policy.execute(dependency.fn, { operation: 'read' }), { code: GrpcStatus.FAILED_PRECONDITION });
    assert.equal(dependency.calls.length, 1);
  });

  it('never retries a call refused by the open circuit', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 1, openDurationMs: 60_000 } });
    await assert.rejects(policy.execute(failWith(GrpcStatus.UNAVAILABLE), { operation: 'write', idempotent: false }));
    const retries: RetryEvent[] = [];
    policy.onRetry((event) => retries.push(event));
    await assert.rejects(policy.execute(failWith(GrpcStatus.UNAVAILABLE), { operation: 'read' }), BrokenCircuitError);
    assert.deepEqual(retries, []);
  });

  it('waits a full-jitter delay before each retry, below a cap that doubles up to maxDelay', async (test) => {
    const policy = fastPolicy({ retry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 25 }, circuitBreaker: { failureThreshold: 10 } });
    const delays: number[] = [];
    policy.onRetry((event) => delays.push(event.delayMs));
    const alwaysUnavailable = failWith(GrpcStatus.UNAVAILABLE);

    let random = 0.999;
    test.mock.method(Math, 'random', () => random);
    await assert.rejects(policy.execute(alwaysUnavailable, { operation: 'read' }));
    // Caps: 10, 20, 40 -> 25, 80 -> 25; full jitter draws in [0, cap).
    assert.deepEqual(delays, [9, 19, 24, 24]);

    delays.length = 0;
    random = 0.5;
    await assert.rejects(policy.execute(alwaysUnavailable, { operation: 'read' }));
    assert.deepEqual(delays, [5, 10, 12, 12]);
  });

  it('draws different delays for different calls (jitter spreads retrying clients apart)', async () => {
    const policy = fastPolicy({ retry: { maxAttempts: 2, initialDelayMs: 1000, maxDelayMs: 1000 }, circuitBreaker: { failureThreshold: 100 } });
    const delays: number[] = [];
    policy.onRetry((event) => delays.push(event.delayMs));
    // The delay is drawn before the backoff sleep starts; the call itself is abandoned by its deadline.
    const calls = Array.from({ length: 20 }, () => policy.execute(failWith(GrpcStatus.UNAVAILABLE), { operation: 'read', signal: AbortSignal.timeout(30) }).catch(() => undefined));
    await Promise.all(calls);
    assert.equal(delays.length, 20);
    assert.ok(delays.every((delay) => delay >= 0 && delay < 1000));
    assert.ok(new Set(delays).size > 1, `all delays equal: ${delays.join(', ')}`);
  });
});
