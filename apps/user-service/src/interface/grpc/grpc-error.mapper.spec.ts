import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../domain/user.errors.js';
import { ERROR_CODE_METADATA_KEY, unexpectedErrorToRpcException, userErrorToRpcException } from './grpc-error.mapper.js';

interface GrpcErrorPayload {
  code: number;
  message: string;
  metadata: Metadata;
}

const payloadOf = (exception: ReturnType<typeof userErrorToRpcException>) => exception.getError() as GrpcErrorPayload;

describe('mapping errors to gRPC status', () => {
  it('gives each refusal the status callers act on, its message, and its code in the trailers', () => {
    const expected: [UserError, GrpcStatus][] = [
      [UserError.emailTaken(), GrpcStatus.ALREADY_EXISTS],
      [UserError.invalidCredentials(), GrpcStatus.UNAUTHENTICATED],
      [UserError.invalidToken(), GrpcStatus.UNAUTHENTICATED],
      [UserError.notFound('0193a0c4-5b4c-7b2e-8d5f-3c2b1a0f9e8d'), GrpcStatus.NOT_FOUND],
      [UserError.invalidInput('password: must be at least 8 characters'), GrpcStatus.INVALID_ARGUMENT],
    ];
    for (const [error, status] of expected) {
      const payload = payloadOf(userErrorToRpcException(error));
      assert.equal(payload.code, status, error.code);
      assert.equal(payload.message, error.message);
      assert.deepEqual(payload.metadata.get(ERROR_CODE_METADATA_KEY), [error.code]);
    }
  });

  it('reports an unreachable dependency as UNAVAILABLE and anything else as INTERNAL, without details', () => {
    const outage = payloadOf(unexpectedErrorToRpcException(true));
    assert.equal(outage.code, GrpcStatus.UNAVAILABLE);
    assert.deepEqual(outage.metadata.get(ERROR_CODE_METADATA_KEY), ['USER.UNAVAILABLE']);
    const bug = payloadOf(unexpectedErrorToRpcException(false));
    assert.equal(bug.code, GrpcStatus.INTERNAL);
    assert.equal(bug.message, 'internal error in the user service');
  });
});
