import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { z } from 'zod';
import { PaymentError } from '../../domain/payment.errors.js';
import { parseRequest } from '@shop/contracts';
import { toRpcException } from './payment-errors.interceptor.js';

const wire = (error: unknown) => toRpcException(error).getError();

describe('payment errors on gRPC', () => {
  it('sends a missing payment as NOT_FOUND with its stable code', () => {
    assert.deepEqual(wire(new PaymentError('PAYMENT.NOT_FOUND', 'no payment for order 1')), { code: status.NOT_FOUND, message: 'PAYMENT.NOT_FOUND' });
  });

  it('sends a refused transition as FAILED_PRECONDITION', () => {
    assert.deepEqual(wire(new PaymentError('PAYMENT.NOT_VOIDABLE', 'captured')), { code: status.FAILED_PRECONDITION, message: 'PAYMENT.NOT_VOIDABLE' });
  });

  it('sends an invalid request as INVALID_ARGUMENT naming the field as the .proto spells it', () => {
    let error: unknown;
    try {
      parseRequest(z.object({ orderId: z.uuid('must be a UUID') }), { orderId: 'nope' });
    } catch (thrown) {
      error = thrown;
    }
    assert.deepEqual(wire(error), { code: status.INVALID_ARGUMENT, message: 'order_id must be a UUID' });
  });

  it('sends anything unexpected as INTERNAL without its message', () => {
    assert.deepEqual(wire(new Error('connection string postgres://secret@db')), { code: status.INTERNAL, message: 'PAYMENT.INTERNAL' });
  });

  it('passes an RpcException through unchanged', () => {
    const exception = new RpcException({ code: status.UNAVAILABLE, message: 'draining' });
    assert.equal(toRpcException(exception), exception);
  });
});
