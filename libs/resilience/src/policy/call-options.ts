/**
 * What kind of call this is. Reads are always safe to repeat; a write is retried only when the
 * caller vouches for it (`idempotent: true`): it carries an idempotency key the server
 * deduplicates on, or it is idempotent by nature ("set status to X").
 */
export type CallKind = { operation: 'read' } | { operation: 'write'; idempotent: boolean };

export type CallOptions = CallKind & {
  /** The caller's own cancellation (e.g. the incoming request went away). Not counted as a failure. */
  signal?: AbortSignal;
};

export function isRetryable(call: CallKind): boolean {
  return call.operation === 'read' || call.idempotent;
}
