import { Injectable } from '@nestjs/common';
import type { notificationV1 } from '@shop/contracts';
import { NotificationFeed } from '../ports/notification-feed.js';

/** What the customer was told about their orders, newest first. */
@Injectable()
export class ListNotificationsQuery {
  constructor(private readonly notifications: NotificationFeed) {}

  execute(userId: string): Promise<notificationV1.Notification[]> {
    return this.notifications.listNotifications(userId);
  }
}
