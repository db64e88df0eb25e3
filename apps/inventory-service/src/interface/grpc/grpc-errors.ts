import { status as GrpcStatus } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import type { z } from 'zod';
import { InventoryError, InventoryErrorCode } from '../../domain/inventory-error.js';

/** The one place where the service's error codes become gRPC status codes. */
const STATUS_OF: Record<InventoryErrorCode, GrpcStatus> = {
  [InventoryErrorCode.INVALID_ARGUMENT]: GrpcStatus.INVALID_ARGUMENT,
  [InventoryErrorCode.RESERVATION_NOT_FOUND]: GrpcStatus.NOT_FOUND,
  [InventoryErrorCode.RESERVATION_NOT_HELD]: GrpcStatus.FAILED_PRECONDITION,
  [InventoryErrorCode.MIXED_CURRENCIES]: GrpcStatus.FAILED_PRECONDITION,
};

/** An InventoryError as the status its code maps to, with `CODE: detail` as the message; other errors unchanged. */
export function toRpcError(error: unknown): unknown {
  if (!(error instanceof InventoryError)) return error;
  return new RpcException({ code: STATUS_OF[error.code], message: error.message });
}

/** The request checked against `schema`, or INVENTORY.INVALID_ARGUMENT naming each field at fault. */
export function parseRequest<TSchema extends z.ZodType>(schema: TSchema, request: unknown): z.output<TSchema> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'} ${issue.message}`);
  throw new InventoryError(InventoryErrorCode.INVALID_ARGUMENT, problems.join('; '));
}
