import type { z } from 'zod';
import { UserError } from '../../domain/user.errors.js';

const MAX_PROBLEMS_SHOWN = 5;

/** The request as the use case's schema reads it, or INVALID_INPUT naming each wrong field as the .proto spells it. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.output<Schema> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  throw UserError.invalidInput(describeProblems(result.error.issues));
}

function describeProblems(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map((issue) => `${protoFieldPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

/** `accessToken` is `access_token` in the .proto, which is what a client of any language sees. */
function protoFieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'request';
  return path.map((segment) => String(segment).replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)).join('.');
}
