import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { BrokenCircuitError, BulkheadRejectedError, DependencyTimeoutError, GrpcStatus } from '@shop/resilience';
import { GatewayError } from '../../../application/gateway-error.js';
import { errorBody } from './error-body.js';
import { httpErrorOf, httpStatusOfGrpc } from './http-error.mapping.js';

/** A failed call as NestJS's ClientGrpc hands it over: grpc-js's ServiceError. */
function grpcError(code: GrpcStatus, details: string, trailers: Record<string, string> = {}) {
  const metadata = { get: (key: string) => (key in trailers ? [trailers[key]] : []) };
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata });
}

describe('mapping gRPC status codes to HTTP', () => {
  const expected: [GrpcStatus, number][] = [
    [GrpcStatus.INVALID_ARGUMENT, 400],
    [GrpcStatus.UNAUTHENTICATED, 401],
    [GrpcStatus.PERMISSION_DENIED, 403],
    [GrpcStatus.NOT_FOUND, 404],
    [GrpcStatus.ALREADY_EXISTS, 409],
    [GrpcStatus.FAILED_PRECONDITION, 409],
    [GrpcStatus.RESOURCE_EXHAUSTED, 429],
    [GrpcStatus.UNAVAILABLE, 503],
    [GrpcStatus.DEADLINE_EXCEEDED, 504],
  ];
  for (const [code, status] of expected) {
    it(`answers ${status} for ${GrpcStatus[code]}`, () => {
      assert.equal(httpStatusOfGrpc(code), status);
      assert.equal(httpErrorOf(grpcError(code, 'X')).status, status);
    });
  }

  for (const code of [GrpcStatus.UNKNOWN, GrpcStatus.INTERNAL, GrpcStatus.UNIMPLEMENTED, GrpcStatus.DATA_LOSS, GrpcStatus.ABORTED, GrpcStatus.CANCELLED]) {
    it(`answers 500 "internal error" for ${GrpcStatus[code]}, keeping the detail for the log`, () => {
      const error = httpErrorOf(grpcError(code, 'relation "orders" does not exist'));
      assert.deepEqual({ status: error.status, message: error.message }, { status: 500, message: 'internal error' });
      assert.match(error.detail ?? '', /relation "orders" does not exist/);
    });
  }

  it('passes the stable code or validation message of a refusal on to the client', () => {
    assert.deepEqual(httpErrorOf(grpcError(GrpcStatus.INVALID_ARGUMENT, 'items: unknown SKU NOPE-1')), { status: 400, code: 'REQUEST.INVALID', message: 'items: unknown SKU NOPE-1' });
    assert.deepEqual(httpErrorOf(grpcError(GrpcStatus.NOT_FOUND, 'ORDER.NOT_FOUND')), { status: 404, code: 'ORDER.NOT_FOUND', message: 'ORDER.NOT_FOUND' });
    assert.deepEqual(httpErrorOf(grpcError(GrpcStatus.INVALID_ARGUMENT, 'ORDER.UNKNOWN_SKUS: unknown SKUs: SKU-9')), {
      status: 400,
      code: 'ORDER.UNKNOWN_SKUS',
      message: 'ORDER.UNKNOWN_SKUS: unknown SKUs: SKU-9',
    });
  });

  it('takes the code of a refusal from the error-code trailer when the service sends one', () => {
    const taken = httpErrorOf(grpcError(GrpcStatus.ALREADY_EXISTS, 'an account with this email already exists', { 'error-code': 'USER.EMAIL_TAKEN' }));
    assert.deepEqual(taken, { status: 409, code: 'USER.EMAIL_TAKEN', message: 'an account with this email already exists' });
  });

  it('gives a failure without a code of its own the code of its status', () => {
    assert.equal(httpErrorOf(grpcError(GrpcStatus.UNAVAILABLE, 'connect ECONNREFUSED')).code, 'DEPENDENCY.UNAVAILABLE');
    assert.equal(httpErrorOf(grpcError(GrpcStatus.INTERNAL, 'boom')).code, 'INTERNAL');
    assert.equal(httpErrorOf(new DependencyTimeoutError('order-grpc', 'deadline', 5000)).code, 'DEPENDENCY.TIMEOUT');
    assert.equal(httpErrorOf(new BrokenCircuitError()).code, 'DEPENDENCY.UNAVAILABLE');
  });

  it('does not show the details of an outage to the client', () => {
    const unavailable = httpErrorOf(grpcError(GrpcStatus.UNAVAILABLE, 'No connection established. Last error: connect ECONNREFUSED 10.0.0.7:3052'));
    assert.equal(unavailable.status, 503);
    assert.doesNotMatch(unavailable.message, /10\.0\.0\.7|ECONNREFUSED/);
  });
});

describe('mapping the resilience policies\' refusals to HTTP', () => {
  it('answers 503 when the circuit is open or the bulkhead is full: the dependency was not even asked', () => {
    assert.equal(httpErrorOf(new BrokenCircuitError()).status, 503);
    assert.equal(httpErrorOf(new BulkheadRejectedError(20, 20)).status, 503);
  });

  it('answers 504 when the call ran out of time', () => {
    assert.equal(httpErrorOf(new DependencyTimeoutError('order-grpc', 'deadline', 5000)).status, 504);
    assert.equal(httpErrorOf(new DependencyTimeoutError('order-grpc', 'attempt', 3000)).status, 504);
  });
});

describe('mapping the gateway\'s own refusals and Nest\'s exceptions to HTTP', () => {
  it('answers 409 for an Idempotency-Key reused with another body, 503 for a catalog that was never cached', () => {
    assert.deepEqual(httpErrorOf(new GatewayError('IDEMPOTENCY.KEY_REUSED', 'reused')), { status: 409, code: 'IDEMPOTENCY.KEY_REUSED', message: 'reused' });
    assert.deepEqual(httpErrorOf(new GatewayError('CATALOG.UNAVAILABLE', 'down')), { status: 503, code: 'CATALOG.UNAVAILABLE', message: 'down' });
    assert.deepEqual(httpErrorOf(new GatewayError('ORDER.NOT_FOUND', 'ORDER.NOT_FOUND')), { status: 404, code: 'ORDER.NOT_FOUND', message: 'ORDER.NOT_FOUND' });
  });

  it('keeps the status and message of an HTTP exception thrown by a guard, a pipe or a controller', () => {
    assert.deepEqual(httpErrorOf(new BadRequestException('items: must contain at least one item')), {
      status: 400,
      code: 'REQUEST.INVALID',
      message: 'items: must contain at least one item',
    });
    assert.deepEqual(httpErrorOf(new NotFoundException('Cannot GET /nope')), { status: 404, code: 'NOT_FOUND', message: 'Cannot GET /nope' });
    assert.deepEqual(httpErrorOf(new ThrottlerException('slow down')), { status: 429, code: 'RATE_LIMITED', message: 'slow down' });
  });

  it('joins a list of messages into one line', () => {
    assert.equal(httpErrorOf(new BadRequestException(['a is required', 'b is required'])).message, 'a is required; b is required');
  });

  it('keeps the message of a deliberate 503 but never of a 500', () => {
    assert.equal(httpErrorOf(new ServiceUnavailableException('cannot check the access token right now')).message, 'cannot check the access token right now');
    const bug = httpErrorOf(new Error('Cannot read properties of undefined (reading \'id\')'));
    assert.deepEqual({ status: bug.status, message: bug.message }, { status: 500, message: 'internal error' });
    assert.match(bug.detail ?? '', /reading 'id'/);
  });

  it('answers an oversized body with body-parser\'s own 413', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    assert.deepEqual(httpErrorOf(tooLarge), { status: 413, code: 'REQUEST.TOO_LARGE', message: 'request entity too large' });
  });
});

describe('the error body', () => {
  it('is {statusCode, error, code, message} with the reason phrase as error', () => {
    assert.deepEqual(errorBody(400, 'REQUEST.INVALID', 'bad'), { statusCode: 400, error: 'Bad Request', code: 'REQUEST.INVALID', message: 'bad' });
    assert.deepEqual(errorBody(429, 'RATE_LIMITED', 'slow'), { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message: 'slow' });
    assert.deepEqual(errorBody(504, 'DEPENDENCY.TIMEOUT', 'late'), { statusCode: 504, error: 'Gateway Timeout', code: 'DEPENDENCY.TIMEOUT', message: 'late' });
  });
});
