import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, GrpcStatus } from '@shop/resilience';
import { isDependencyOutage } from './dependency-outage.js';

const grpcError = (code: GrpcStatus) => Object.assign(new Error(GrpcStatus[code]), { code, details: '' });

describe('telling an outage from an answer', () => {
  it('sees an outage in UNAVAILABLE, DEADLINE_EXCEEDED, a timeout, an open circuit or a full bulkhead', () => {
    for (const error of [
      grpcError(GrpcStatus.UNAVAILABLE),
      grpcError(GrpcStatus.DEADLINE_EXCEEDED),
      new DependencyTimeoutError('inventory-grpc', 'deadline', 5000),
      new BrokenCircuitError(),
      new BulkheadRejectedError(20, 20),
    ]) {
      assert.equal(isDependencyOutage(error), true, error.message);
    }
  });

  it('sees an answer in a refusal or an internal error', () => {
    for (const code of [GrpcStatus.INVALID_ARGUMENT, GrpcStatus.NOT_FOUND, GrpcStatus.INTERNAL]) assert.equal(isDependencyOutage(grpcError(code)), false);
    assert.equal(isDependencyOutage(new Error('bug')), false);
  });
});
