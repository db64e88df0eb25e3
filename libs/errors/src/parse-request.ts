import type { z } from 'zod';
import { CodedError } from './coded-error.js';

/** A request that breaks its schema: INVALID_ARGUMENT, with what is wrong. */
export class InvalidRequestError extends CodedError<'REQUEST.INVALID'> {
  constructor(problems: string) {
    super('REQUEST.INVALID', 'INVALID_ARGUMENT', problems);
  }
}

const MAX_PROBLEMS_SHOWN = 5;

/**
 * Validates a request at the boundary, the one way every service does: the parsed value, or an
 * InvalidRequestError naming each field at fault as the .proto spells it (`items.0.quantity must
 * be between 1 and 1000`, `order_id must be a UUID`).
 */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.output<Schema> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, MAX_PROBLEMS_SHOWN).map((issue) => `${issue.path.map(String).map(snakeCase).join('.') || 'request'} ${issue.message}`);
  throw new InvalidRequestError(problems.join('; '));
}

/** Field names as the .proto spells them, which is what a client of any language sees. */
function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
