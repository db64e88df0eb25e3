import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grpcStatusOf } from './grpc-status.js';

describe('grpcStatusOf', () => {
  it('names the numeric gRPC code an error carries', () => {
    assert.equal(grpcStatusOf({ code: 5, message: 'no such order' }), 'NOT_FOUND');
    assert.equal(grpcStatusOf(Object.assign(new Error('down'), { code: 14 })), 'UNAVAILABLE');
  });

  it('reads the code of an RpcException payload', () => {
    assert.equal(grpcStatusOf({ getError: () => ({ code: 3, message: 'bad quantity' }) }), 'INVALID_ARGUMENT');
  });

  it('calls everything else UNKNOWN, as the gRPC server sends it', () => {
    for (const error of [new Error('boom'), { code: 'ORDER.NOT_FOUND' }, { code: 99 }, null, 'text']) assert.equal(grpcStatusOf(error), 'UNKNOWN');
  });
});
