import { STATUS_CODES } from 'node:http';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The one error shape of the API: never a stack trace, never an internal detail. */
export const errorBodySchema = z.object({
  statusCode: z.number().int().describe('The HTTP status code'),
  error: z.string().describe('Its reason phrase, e.g. "Bad Request"'),
  code: z
    .string()
    .describe(
      'What went wrong, for a program: stable, dot-separated. A service\'s own refusal keeps its code (ORDER.NOT_FOUND, ORDER.UNKNOWN_SKUS, USER.EMAIL_TAKEN, IDEMPOTENCY.KEY_REUSED, ...); otherwise one per status: REQUEST.INVALID, AUTH.UNAUTHENTICATED, AUTH.FORBIDDEN, NOT_FOUND, CONFLICT, REQUEST.TOO_LARGE, RATE_LIMITED, INTERNAL, DEPENDENCY.UNAVAILABLE, DEPENDENCY.TIMEOUT',
    ),
  message: z.string().describe('What went wrong, for a human'),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ErrorBodyDto extends createZodDto(errorBodySchema) {}

export function errorBody(statusCode: number, code: string, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message };
}
