import type { IdempotencyClaim } from '../place-order/idempotency-record.js';

/** The Idempotency-Keys of each user and what became of the request that first used each. */
export abstract class IdempotencyKeys {
  /** Records the key as in flight for this fingerprint, unless someone already did: then returns their record. */
  abstract claim(userId: string, idempotencyKey: string, fingerprint: string): Promise<IdempotencyClaim>;
  /** The order the key's request placed. */
  abstract complete(userId: string, idempotencyKey: string, fingerprint: string, orderId: string): Promise<void>;
  /** Frees a claim still in flight (the request was refused before anything was placed). */
  abstract release(userId: string, idempotencyKey: string, fingerprint: string): Promise<void>;
}
