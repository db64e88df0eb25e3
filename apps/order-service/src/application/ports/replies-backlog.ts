/**
 * The replies that were already waiting in Kafka when this process started. A restarted service
 * must hear them before it judges silence: a deadline that ran out while it was down may have
 * been answered meanwhile.
 */
export abstract class RepliesBacklog {
  /** Resolves once the replies waiting at start-up are consumed, or once `maxWaitMs` has passed; says which. */
  abstract waitUntilConsumed(maxWaitMs: number, signal: AbortSignal): Promise<'consumed' | 'gave-up-waiting'>;
}
