import { z } from 'zod';
import { OrderError } from '../../domain/order/order.errors.js';
import type { OrderPosition } from '../ports/order.store.js';

// The position of the last order of a page, as an opaque token: clients hand it back unread, so
// the format can change without breaking them. base64url of a small JSON object.
const tokenSchema = z.object({ c: z.iso.datetime(), i: z.uuid() });

export function encodePageToken(position: OrderPosition): string {
  return Buffer.from(JSON.stringify({ c: position.createdAt.toISOString(), i: position.orderId })).toString('base64url');
}

/** The position a token names; OrderError ORDER.INVALID_PAGE_TOKEN for anything this service did not issue. */
export function decodePageToken(token: string): OrderPosition {
  try {
    const parsed = tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return { createdAt: new Date(parsed.c), orderId: parsed.i };
  } catch {
    throw new OrderError('ORDER.INVALID_PAGE_TOKEN', 'page_token is not a token this service issued');
  }
}
