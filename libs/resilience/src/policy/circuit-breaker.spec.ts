import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError } from 'cockatiel';
import { GrpcStatus } from '../failures/grpc-status.js';
import { deferred, domainError, fastPolicy, grpcError, scriptedDependency } from '../testing/resilience.fixtures.js';
import { CallOptions } from './call-options.js';
import { ResiliencePolicy } from './resilience.policy.js';

const write: CallOptions = { operation: 'write', idempotent: false };
const read: CallOptions = { operation: 'read' };
const unavailable = async (): Promise<string> => {
  throw grpcError(GrpcStatus.UNAVAILABLE);
};

async function trip(policy: ResiliencePolicy, failures: number): Promise<void> {
  for (let failure = 0; failure < failures; failure++) {
    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
  }
  assert.equal(policy.state, 'open');
}

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive transient failures, then fails fast without calling the dependency', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 3, openDurationMs: 60_000 } });
    const dependency = scriptedDependency(unavailable);
    for (let failure = 0; failure < 3; failure++) {
      assert.equal(policy.state, 'closed');
      await assert.rejects(policy.execute(dependency.fn, write), { code: GrpcStatus.UNAVAILABLE });
    }
    assert.equal(policy.state, 'open');

    await assert.rejects(policy.execute(dependency.fn, write), BrokenCircuitError);
    await assert.rejects(policy.execute(dependency.fn, read), BrokenCircuitError);
    assert.equal(dependency.calls.length, 3);
  });

  it('counts every attempt of a retried call', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 3, openDurationMs: 60_000 }, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
    const dependency = scriptedDependency(unavailable);
    await assert.rejects(policy.execute(dependency.fn, read), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(dependency.calls.length, 3);
    assert.equal(policy.state, 'open');
  });

  it('after the cool-down lets one probe through while concurrent callers are rejected, and closes when it succeeds', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 2, openDurationMs: 40 } });
    await trip(policy, 2);
    await sleep(60);

    const probeAnswer = deferred<string>();
    const dependency = scriptedDependency(() => probeAnswer.promise);
    const probe = policy.execute(dependency.fn, write);
    await setImmediate();
    assert.equal(policy.state, 'half-open');
    await assert.rejects(policy.execute(dependency.fn, write), BrokenCircuitError);
    await assert.rejects(policy.execute(dependency.fn, read), BrokenCircuitError);
    assert.equal(dependency.calls.length, 1, 'only the probe reached the dependency');

    probeAnswer.resolve('in stock');
    assert.equal(await probe, 'in stock');
    assert.equal(policy.state, 'closed');
    assert.equal(await policy.execute(async () => 'next', write), 'next');
  });

  it('re-opens when the probe fails, for longer than the first time', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 2, openDurationMs: 100, maxOpenDurationMs: 1_000 } });
    await trip(policy, 2);
    await sleep(120);

    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(policy.state, 'open');
    await sleep(130);
    // The second open period is 200 ms (100 ms doubled), so 130 ms later it still fails fast.
    const dependency = scriptedDependency(async () => 'unused');
    await assert.rejects(policy.execute(dependency.fn, write), BrokenCircuitError);
    assert.equal(dependency.calls.length, 0);
  });

  it('is never opened by business errors, which are not retried either', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 2, openDurationMs: 60_000 } });
    const invalid = scriptedDependency(async () => {
      throw grpcError(GrpcStatus.INVALID_ARGUMENT);
    });
    const notFound = scriptedDependency(async () => {
      throw domainError('ORDER.NOT_FOUND');
    });
    for (let call = 0; call < 5; call++) {
      await assert.rejects(policy.execute(invalid.fn, read), { code: GrpcStatus.INVALID_ARGUMENT });
      await assert.rejects(policy.execute(notFound.fn, read), { code: 'ORDER.NOT_FOUND' });
    }
    assert.equal(policy.state, 'closed');
    assert.equal(invalid.calls.length, 5, 'one attempt per call: no retries');
    assert.equal(notFound.calls.length, 5, 'one attempt per call: no retries');
  });

  it('with successesToClose 2, re-opens on the first transient failure after a successful probe', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 3, openDurationMs: 40, successesToClose: 2 } });
    await trip(policy, 3);
    await sleep(60);
    await policy.execute(async () => 'probe', write);
    assert.equal(policy.state, 'closed');

    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(policy.state, 'open');
  });

  it('with the default successesToClose 1, a successful probe restores the full failure threshold', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 3, openDurationMs: 40 } });
    await trip(policy, 3);
    await sleep(60);
    await policy.execute(async () => 'probe', write);

    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(policy.state, 'closed');
  });

  it('stays on a hair trigger when the probe ended in a business error (cockatiel closes on it)', async () => {
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 3, openDurationMs: 40 } });
    await trip(policy, 3);
    await sleep(60);
    await assert.rejects(
      policy.execute(async () => {
        throw grpcError(GrpcStatus.NOT_FOUND);
      }, write),
      { code: GrpcStatus.NOT_FOUND },
    );
    assert.equal(policy.state, 'closed');

    await assert.rejects(policy.execute(unavailable, write), { code: GrpcStatus.UNAVAILABLE });
    assert.equal(policy.state, 'open');
  });
});
