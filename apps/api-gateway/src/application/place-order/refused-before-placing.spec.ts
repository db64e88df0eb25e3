import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, DependencyTimeoutError, GrpcStatus } from '@shop/resilience';
import { refusedBeforePlacing } from './refused-before-placing.js';

const grpcError = (code: GrpcStatus) => Object.assign(new Error(GrpcStatus[code]), { code, details: GrpcStatus[code] });

describe('telling a refused order from one whose fate is unknown', () => {
  it('knows nothing was placed when the order service refused the request', () => {
    assert.equal(refusedBeforePlacing(grpcError(GrpcStatus.INVALID_ARGUMENT)), true);
    assert.equal(refusedBeforePlacing(grpcError(GrpcStatus.FAILED_PRECONDITION)), true);
  });

  it('knows nothing was placed when the circuit was open: the request never left the gateway', () => {
    assert.equal(refusedBeforePlacing(new BrokenCircuitError()), true);
  });

  it('cannot tell after a timeout, an outage or an internal error: the order may exist', () => {
    assert.equal(refusedBeforePlacing(new DependencyTimeoutError('order-grpc', 'deadline', 5000)), false);
    assert.equal(refusedBeforePlacing(grpcError(GrpcStatus.UNAVAILABLE)), false);
    assert.equal(refusedBeforePlacing(grpcError(GrpcStatus.DEADLINE_EXCEEDED)), false);
    assert.equal(refusedBeforePlacing(grpcError(GrpcStatus.INTERNAL)), false);
    assert.equal(refusedBeforePlacing(new Error('socket hang up')), false);
  });
});
