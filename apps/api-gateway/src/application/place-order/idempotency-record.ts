/** What the gateway remembers about one Idempotency-Key of one user. */
export interface IdempotencyRecord {
  /** sha256 of the canonical request body. */
  fingerprint: string;
  /** null while the first request with this key is being placed, or when its outcome is unknown. */
  orderId: string | null;
}

/** Claiming a key either succeeds (nobody used it) or shows the record of whoever did. */
export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };
