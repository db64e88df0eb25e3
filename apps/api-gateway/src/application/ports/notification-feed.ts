import type { notificationV1 } from '@shop/contracts';

/** notification-service: what a customer was told about their orders. */
export abstract class NotificationFeed {
  abstract listNotifications(userId: string): Promise<notificationV1.Notification[]>;
}
