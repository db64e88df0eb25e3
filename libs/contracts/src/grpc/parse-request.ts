import type { z } from 'zod';

/** A request that breaks its schema; goes out as INVALID_ARGUMENT with what is wrong. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

/** Validates a gRPC request at the boundary: `items.0.quantity must be between 1 and 1000`, `order_id must be a UUID`. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.output<Schema> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.map(String).map(snakeCase).join('.') || 'request'} ${issue.message}`);
  throw new InvalidRequestError(problems.join('; '));
}

/** Field names as the .proto spells them, which is what a client sees. */
function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
