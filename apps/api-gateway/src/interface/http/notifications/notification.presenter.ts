import type { notificationV1 } from '@shop/contracts';
import { notificationChannelName, notificationStatusName, notificationTypeName } from '../proto-enums.js';
import type { NotificationView } from './notification.dto.js';

export function toNotificationView(notification: notificationV1.Notification): NotificationView {
  return {
    id: notification.id,
    type: notificationTypeName(notification.type),
    orderId: notification.orderId,
    channel: notificationChannelName(notification.channel),
    status: notificationStatusName(notification.status),
    createdAt: notification.createdAt,
  };
}
