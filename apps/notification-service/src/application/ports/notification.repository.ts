import type { Notification, NotificationDraft } from '../../domain/notification.js';

/** Where notifications are kept. Every write is a single-document operation: no transactions needed. */
export abstract class NotificationRepository {
  /**
   * Records the draft as a PENDING notification, unless one already exists for its order and
   * type: then that one is returned unchanged. Either way the stored notification comes back.
   */
  abstract recordPending(draft: NotificationDraft): Promise<Notification>;

  /** Counts one more delivery attempt of a PENDING notification. */
  abstract countAttempt(id: string): Promise<void>;

  /** The attempt failed in a way worth retrying: stays PENDING, the code is kept for operators. */
  abstract recordRetryableFailure(id: string, errorCode: string): Promise<void>;

  /** Delivery can never succeed (e.g. no such customer). */
  abstract markFailed(id: string, errorCode: string): Promise<void>;

  abstract markSent(id: string, recipient: string, sentAt: Date): Promise<void>;

  /** The user's notifications, newest first, at most `limit`. */
  abstract listForUser(userId: string, limit: number): Promise<Notification[]>;
}
