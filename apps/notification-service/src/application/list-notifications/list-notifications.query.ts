import { Injectable } from '@nestjs/common';
import type { Notification } from '../../domain/notification.js';
import { NotificationStore } from '../ports/notification.store.js';

/**
 * One notification per outcome per order keeps a user's list as long as their order history;
 * the newest ones are what a customer looks for, so the answer is bounded rather than paged.
 */
export const LIST_NOTIFICATIONS_LIMIT = 100;

@Injectable()
export class ListNotificationsQuery {
  constructor(private readonly notifications: NotificationStore) {}

  /** The user's notifications, newest first. */
  execute(userId: string): Promise<Notification[]> {
    return this.notifications.listForUser(userId, LIST_NOTIFICATIONS_LIMIT);
  }
}
