import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metadata, status } from '@grpc/grpc-js';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { firstValueFrom, throwError } from 'rxjs';
import { CodedError } from '../coded-error.js';
import { InvalidRequestError } from '../parse-request.js';
import { ERROR_CODE_TRAILER, GrpcErrorsInterceptor, toRpcException } from './grpc-errors.interceptor.js';

const options = { service: 'SHOP', isOutage: (error: unknown) => error instanceof Error && error.message.includes('ECONNREFUSED') };

/** What grpc-js puts on the wire: the status, the details and the code trailer. */
function wire(error: unknown) {
  const sent = toRpcException(error, options).getError() as { code: status; message: string; metadata?: Metadata };
  return { code: sent.code, message: sent.message, trailer: sent.metadata?.get(ERROR_CODE_TRAILER)[0] };
}

describe('errors on gRPC (@shop/errors/grpc)', () => {
  it('sends a coded error with the status of its kind, its message and its code in the trailer', () => {
    assert.deepEqual(wire(new CodedError('SHOP.NOT_FOUND', 'NOT_FOUND', 'SHOP.NOT_FOUND: no such order')), {
      code: status.NOT_FOUND,
      message: 'SHOP.NOT_FOUND: no such order',
      trailer: 'SHOP.NOT_FOUND',
    });
    assert.equal(wire(new CodedError('SHOP.TAKEN', 'ALREADY_EXISTS', 'taken')).code, status.ALREADY_EXISTS);
    assert.equal(wire(new CodedError('SHOP.CLOSED', 'FAILED_PRECONDITION', 'closed')).code, status.FAILED_PRECONDITION);
    assert.equal(wire(new CodedError('SHOP.WHO', 'UNAUTHENTICATED', 'who')).code, status.UNAUTHENTICATED);
    assert.equal(wire(new CodedError('SHOP.DOWN', 'UNAVAILABLE', 'down')).code, status.UNAVAILABLE);
    assert.equal(wire(new CodedError('SHOP.MAYBE', 'UNKNOWN_OUTCOME', 'maybe')).code, status.UNKNOWN);
  });

  it('sends an invalid request as INVALID_ARGUMENT with what is wrong', () => {
    assert.deepEqual(wire(new InvalidRequestError('order_id must be a UUID')), { code: status.INVALID_ARGUMENT, message: 'order_id must be a UUID', trailer: 'REQUEST.INVALID' });
  });

  it('sends anything unexpected as INTERNAL without its message, and an outage as UNAVAILABLE', () => {
    assert.deepEqual(wire(new Error('connection string postgres://secret@db')), { code: status.INTERNAL, message: 'SHOP.INTERNAL', trailer: 'SHOP.INTERNAL' });
    assert.deepEqual(wire(new Error('connect ECONNREFUSED 127.0.0.1:5432')), { code: status.UNAVAILABLE, message: 'SHOP.UNAVAILABLE', trailer: 'SHOP.UNAVAILABLE' });
  });

  it('passes an RpcException through unchanged', () => {
    const exception = new RpcException({ code: status.UNAVAILABLE, message: 'draining' });
    assert.equal(toRpcException(exception, options), exception);
  });

  it('maps what a handler throws, as an interceptor', async () => {
    const interceptor = new GrpcErrorsInterceptor(options);
    const context = { getHandler: () => function getOrder() {} } as unknown as ExecutionContext;
    const next: CallHandler = { handle: () => throwError(() => new CodedError('SHOP.NOT_FOUND', 'NOT_FOUND', 'gone')) };
    await assert.rejects(firstValueFrom(interceptor.intercept(context, next)), (error: unknown) => {
      return error instanceof RpcException && (error.getError() as { code: status }).code === status.NOT_FOUND;
    });
  });
});
