import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
import { domainError, grpcError } from '../testing/resilience.fixtures.js';
import { DependencyTimeoutError } from './dependency-timeout.error.js';
import { GrpcStatus } from './grpc-status.js';
import { isTransientFailure } from './transient-failure.js';

function httpError(status: number, field: 'status' | 'statusCode' = 'status'): Error {
  return Object.assign(new Error(`HTTP ${status}`), { [field]: status });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:3054`), { code, syscall: 'connect' });
}

describe('isTransientFailure', () => {
  for (const status of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED]) {
    it(`counts gRPC ${GrpcStatus[status]} as transient`, () => {
      assert.equal(isTransientFailure(grpcError(status)), true);
    });
  }

  const permanentGrpcStatuses = [
    GrpcStatus.CANCELLED,
    GrpcStatus.UNKNOWN,
    GrpcStatus.INVALID_ARGUMENT,
    GrpcStatus.NOT_FOUND,
    GrpcStatus.ALREADY_EXISTS,
    GrpcStatus.PERMISSION_DENIED,
    GrpcStatus.FAILED_PRECONDITION,
    GrpcStatus.ABORTED,
    GrpcStatus.OUT_OF_RANGE,
    GrpcStatus.UNIMPLEMENTED,
    GrpcStatus.INTERNAL,
    GrpcStatus.DATA_LOSS,
    GrpcStatus.UNAUTHENTICATED,
  ];
  for (const status of permanentGrpcStatuses) {
    it(`never counts gRPC ${GrpcStatus[status]} as transient`, () => {
      assert.equal(isTransientFailure(grpcError(status)), false);
    });
  }

  it('counts HTTP 5xx (but 501), 408 and 429 as transient, whether in status or statusCode', () => {
    for (const status of [500, 502, 503, 504, 408, 429]) {
      assert.equal(isTransientFailure(httpError(status)), true, `status ${status}`);
      assert.equal(isTransientFailure(httpError(status, 'statusCode')), true, `statusCode ${status}`);
    }
  });

  it('never counts other HTTP 4xx, or 501 Not Implemented, as transient', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      assert.equal(isTransientFailure(httpError(status)), false, `status ${status}`);
    }
  });

  it('counts connection failures as transient, also when wrapped as the cause (as fetch does)', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']) {
      assert.equal(isTransientFailure(networkError(code)), true, code);
    }
    const fetchFailure = new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code: 'UND_ERR_SOCKET' }) });
    assert.equal(isTransientFailure(fetchFailure), true);
  });

  it('counts timeouts of a dependency as transient', () => {
    assert.equal(isTransientFailure(new DependencyTimeoutError('inventory-grpc', 'attempt', 3000)), true);
  });

  it('never counts domain errors, plain errors or non-errors as transient', () => {
    assert.equal(isTransientFailure(domainError('ORDER.NOT_FOUND')), false);
    assert.equal(isTransientFailure(new Error('validation failed')), false);
    assert.equal(isTransientFailure('a string'), false);
    assert.equal(isTransientFailure(undefined), false);
  });

  it('lets the outermost code decide: a domain error wrapping a network error is not transient', () => {
    const wrapped = Object.assign(new Error('PAYMENT.DECLINED', { cause: networkError('ECONNRESET') }), { code: 'PAYMENT.DECLINED' });
    assert.equal(isTransientFailure(wrapped), false);
  });

  it("never counts the policy's own refusals or a caller's cancellation as transient", () => {
    assert.equal(isTransientFailure(new BrokenCircuitError()), false);
    assert.equal(isTransientFailure(new BulkheadRejectedError(1, 1)), false);
    assert.equal(isTransientFailure(new TaskCancelledError()), false);
  });
});
