import type { IdempotencyRecord } from './idempotency-record.js';

export type IdempotencyDecision =
  /** First use of the key: this request holds the claim and places the order. */
  | { action: 'place' }
  /** The same request is in flight, or its outcome is unknown: forward it too; the order service deduplicates on (user, key). */
  | { action: 'join' }
  /** The same request already placed an order: answer with it again. */
  | { action: 'replay'; orderId: string }
  /** The key was used for another request: 409. */
  | { action: 'conflict' };

/** What to do with a request carrying an Idempotency-Key, given the key's record (null: the claim just succeeded). */
export function decideIdempotency(existing: IdempotencyRecord | null, fingerprint: string): IdempotencyDecision {
  if (existing === null) return { action: 'place' };
  if (existing.fingerprint !== fingerprint) return { action: 'conflict' };
  if (existing.orderId === null) return { action: 'join' };
  return { action: 'replay', orderId: existing.orderId };
}
