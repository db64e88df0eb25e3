import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import type { z } from 'zod';
import { NotificationError, type NotificationErrorCode } from '../../domain/notification.errors.js';

/** The one place where this service's error codes become gRPC status codes. */
const GRPC_STATUS: Record<NotificationErrorCode, status> = {
  'NOTIFICATION.INVALID_REQUEST': status.INVALID_ARGUMENT,
  'NOTIFICATION.RECIPIENT_NOT_FOUND': status.FAILED_PRECONDITION,
  'NOTIFICATION.RECIPIENT_LOOKUP_FAILED': status.UNAVAILABLE,
  'NOTIFICATION.DELIVERY_FAILED': status.UNAVAILABLE,
  'NOTIFICATION.DELIVERY_UNCONFIRMED': status.UNKNOWN,
  'NOTIFICATION.EMAIL_REFUSED': status.FAILED_PRECONDITION,
};

/** Thrown inside the handler, so the RPC metrics see the real status. Anything unknown stays INTERNAL, without its details. */
export function toRpcException(error: unknown): RpcException {
  if (error instanceof NotificationError) return new RpcException({ code: GRPC_STATUS[error.code], message: error.message });
  return new RpcException({ code: status.INTERNAL, message: 'NOTIFICATION.INTERNAL' });
}

/** Parses a request, or fails with INVALID_ARGUMENT naming what is wrong. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.output<Schema> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const detail = result.error.issues.map((issue) => issue.message).join('; ');
  throw toRpcException(new NotificationError('NOTIFICATION.INVALID_REQUEST', detail));
}
