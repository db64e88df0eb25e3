import { BadRequestException, ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Visible ASCII, as a header value can carry it; long enough for a UUID or a client's own scheme. */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, or null when the client sent none; a malformed key is a 400. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !VALID_KEY.test(header)) {
    throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return header;
}

export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | null =>
  parseIdempotencyKey(context.switchToHttp().getRequest<IncomingMessage>().headers[IDEMPOTENCY_KEY_HEADER]),
);
