/** What the customer is told about: one notification per outcome per order. */
export const NOTIFICATION_TYPES = ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * PENDING until one delivery claims the send; SENDING from that claim until the mail system has
 * taken the email (SENT), refused it for good (FAILED) or certainly not taken it (PENDING again).
 * A notification that stays SENDING had its send cut short (a crash, a lost answer of the relay):
 * the email may or may not have gone, so it is never sent again without review (at most once).
 * FAILED only when delivery can never succeed (no such customer, a refused address).
 */
export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const NOTIFICATION_CHANNELS = ['EMAIL'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface Notification {
  id: string;
  userId: string;
  orderId: string;
  type: NotificationType;
  channel: NotificationChannel;
  status: NotificationStatus;
  /** The address it went to; null until the customer's address is known. */
  recipient: string | null;
  subject: string;
  text: string;
  /** Why the order was rejected or cancelled (the event's reason code). */
  reason?: string;
  /** Delivery attempts so far, the current one included. */
  attempts: number;
  /** The error code of the latest failed attempt, for operators. */
  lastError?: string;
  /** The delivery that claimed the send (host/pid/handling id) and when: set from SENDING on. */
  claimedBy?: string;
  claimedAt?: Date;
  createdAt: Date;
  sentAt?: Date;
}

/** One delivery's exclusive right to send a notification's email, taken atomically from PENDING. */
export interface SendClaim {
  notificationId: string;
  /** Who sends: host/pid/an id of this handling, unique even between overlapping handlings. */
  by: string;
  at: Date;
}

/** A notification about to be recorded: everything but what delivery fills in. */
export type NotificationDraft = Pick<Notification, 'id' | 'userId' | 'orderId' | 'type' | 'channel' | 'subject' | 'text' | 'reason' | 'createdAt'>;

/**
 * Only a PENDING notification is (re)delivered: a SENT one is never sent twice, a SENDING one may
 * already have been (or is being) sent, a FAILED one cannot succeed.
 */
export function awaitsDelivery(notification: Pick<Notification, 'status'>): boolean {
  return notification.status === 'PENDING';
}
