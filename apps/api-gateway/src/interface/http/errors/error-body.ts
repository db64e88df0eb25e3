import { STATUS_CODES } from 'node:http';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The one error shape of the API: never a stack trace, never an internal detail. */
export const errorBodySchema = z.object({
  statusCode: z.number().int().describe('The HTTP status code'),
  error: z.string().describe('Its reason phrase, e.g. "Bad Request"'),
  message: z.string().describe('What went wrong, for a human'),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ErrorBodyDto extends createZodDto(errorBodySchema) {}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
