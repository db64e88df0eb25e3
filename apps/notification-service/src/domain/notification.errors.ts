/** Stable codes: they cross process boundaries (gRPC status messages, logs, `lastError`), class names do not. */
export const NOTIFICATION_ERROR_CODES = [
  // A request to the API is malformed (e.g. user_id is not a UUID).
  'NOTIFICATION.INVALID_REQUEST',
  // user-service knows no such customer: the notification can never be delivered.
  'NOTIFICATION.RECIPIENT_NOT_FOUND',
  // user-service did not answer; the delivery is retried.
  'NOTIFICATION.RECIPIENT_LOOKUP_FAILED',
  // The mail system certainly did not take the email (relay unreachable, a 4xx answer); the delivery is retried.
  'NOTIFICATION.DELIVERY_FAILED',
  // The send broke off after the mail system may have taken the email: left SENDING for review, never resent.
  'NOTIFICATION.DELIVERY_UNCONFIRMED',
  // The mail system refused the email for good (no such mailbox): the notification can never be delivered.
  'NOTIFICATION.EMAIL_REFUSED',
] as const;
export type NotificationErrorCode = (typeof NOTIFICATION_ERROR_CODES)[number];

export class NotificationError extends Error {
  constructor(
    readonly code: NotificationErrorCode,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options);
    this.name = 'NotificationError';
  }
}
