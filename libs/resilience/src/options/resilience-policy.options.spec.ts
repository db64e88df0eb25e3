import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResiliencePolicyOptions } from './resilience-policy.options.js';

describe('resilience policy options', () => {
  it('fill in the defaults of the domain notes', () => {
    assert.deepEqual(parseResiliencePolicyOptions({ name: 'inventory-grpc' }), {
      name: 'inventory-grpc',
      deadlineMs: 5000,
      attemptTimeout: { readMs: 3000, writeMs: 5000 },
      retry: { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 10000 },
      circuitBreaker: { failureThreshold: 5, openDurationMs: 30000, maxOpenDurationMs: 60000, successesToClose: 1 },
      bulkhead: { maxConcurrent: 20, maxQueued: 20 },
    });
  });

  it('keep the defaults of a section when only one of its settings is given', () => {
    const options = parseResiliencePolicyOptions({ name: 'payment-gateway', retry: { maxAttempts: 5 } });
    assert.deepEqual(options.retry, { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 10000 });
  });

  it('shorten the default attempt timeouts to a shorter deadline', () => {
    const options = parseResiliencePolicyOptions({ name: 'user-grpc', deadlineMs: 4000 });
    assert.deepEqual(options.attemptTimeout, { readMs: 3000, writeMs: 4000 });
  });

  it('refuse an attempt timeout longer than the deadline, naming the dependency', () => {
    assert.throws(
      () => parseResiliencePolicyOptions({ name: 'user-grpc', deadlineMs: 2000, attemptTimeout: { writeMs: 2500 } }),
      /Invalid resilience options for "user-grpc": attemptTimeout must not exceed deadlineMs/,
    );
  });

  it('refuse a maximum backoff below the initial one, and a misspelt setting', () => {
    assert.throws(
      () => parseResiliencePolicyOptions({ name: 'user-grpc', retry: { initialDelayMs: 500, maxDelayMs: 100 } }),
      /retry\.maxDelayMs must be at least retry\.initialDelayMs/,
    );
    assert.throws(
      () => parseResiliencePolicyOptions({ name: 'user-grpc', circuitBreaker: { treshold: 3 } } as never),
      /circuitBreaker.*treshold/,
    );
  });

  it('refuse a name that cannot be a metric attribute', () => {
    assert.throws(() => parseResiliencePolicyOptions({ name: 'Inventory gRPC' }), /name/);
  });
});
