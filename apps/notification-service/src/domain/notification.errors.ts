import { defineErrors, serviceErrorClass } from '@shop/errors';

/** What can go wrong with a notification, and the kind of each (which @shop/errors maps to a gRPC status). */
export const NOTIFICATION_ERRORS = defineErrors({
  /** user-service knows no such customer: the notification can never be delivered. */
  'NOTIFICATION.RECIPIENT_NOT_FOUND': 'FAILED_PRECONDITION',
  /** user-service did not answer; the delivery is retried. */
  'NOTIFICATION.RECIPIENT_LOOKUP_FAILED': 'UNAVAILABLE',
  /** The mail system certainly did not take the email (relay unreachable, a 4xx answer); the delivery is retried. */
  'NOTIFICATION.DELIVERY_FAILED': 'UNAVAILABLE',
  /** The send broke off after the mail system may have taken the email: left SENDING for review, never resent. */
  'NOTIFICATION.DELIVERY_UNCONFIRMED': 'UNKNOWN_OUTCOME',
  /** The mail system refused the email for good (no such mailbox): the notification can never be delivered. */
  'NOTIFICATION.EMAIL_REFUSED': 'FAILED_PRECONDITION',
});
export type NotificationErrorCode = keyof typeof NOTIFICATION_ERRORS;

export class NotificationError extends serviceErrorClass(NOTIFICATION_ERRORS) {}
