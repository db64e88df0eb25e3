import type { Notification, NotificationDraft, SendClaim } from '../../domain/notification.js';

/** Where notifications are kept. Every write is a single-document operation: no transactions needed. */
export abstract class NotificationStore {
  /**
   * A delivery attempt of the draft's notification begins: records the draft as a PENDING
   * notification with this first attempt counted, or, when one already exists for its order and
   * type, counts one more attempt if it is PENDING and leaves it unchanged otherwise. Either way
   * the stored notification comes back, as it is after this call.
   */
  abstract recordAttempt(draft: NotificationDraft): Promise<Notification>;

  abstract find(id: string): Promise<Notification | null>;

  /** The attempt failed in a way worth retrying: stays PENDING, the code is kept for operators. */
  abstract recordRetryableFailure(id: string, errorCode: string): Promise<void>;

  /** Delivery of a PENDING notification can never succeed (e.g. no such customer). */
  abstract markFailed(id: string, errorCode: string): Promise<void>;

  /**
   * PENDING -> SENDING to `recipient`, atomically: of overlapping deliveries exactly one gets
   * true, and only that one may send. False when the notification is not PENDING (any more).
   */
  abstract claimSend(claim: SendClaim, recipient: string): Promise<boolean>;

  /** The claimed email was taken by the mail system: SENDING -> SENT. */
  abstract markSent(claim: SendClaim, sentAt: Date): Promise<void>;

  /** The mail system certainly did not take the claimed email: SENDING -> PENDING, to be retried. */
  abstract releaseClaim(claim: SendClaim, errorCode: string): Promise<void>;

  /** The mail system refused the claimed email for good: SENDING -> FAILED. */
  abstract markClaimFailed(claim: SendClaim, errorCode: string): Promise<void>;

  /** Whether the claimed email went is unknown: it stays SENDING, with the code, for review. */
  abstract recordUnconfirmed(claim: SendClaim, errorCode: string): Promise<void>;

  /** The user's notifications, newest first, at most `limit`. */
  abstract listForUser(userId: string, limit: number): Promise<Notification[]>;
}
