import { Controller, UseInterceptors } from '@nestjs/common';
import { notificationV1 } from '@shop/contracts';
import { ListNotificationsQuery } from '../../application/list-notifications/list-notifications.query.js';
import type { Notification } from '../../domain/notification.js';
import { listNotificationsRequestSchema } from './list-notifications.request.js';
import { parseRequest } from '@shop/errors';
import { GrpcErrorsInterceptor } from '@shop/errors/grpc';

const { NotificationChannel, NotificationStatus, NotificationType } = notificationV1;

/** The gRPC API (shop.notification.v1.NotificationService); the gateway serves it as GET /notifications. */
@Controller()
@UseInterceptors(new GrpcErrorsInterceptor({ service: 'NOTIFICATION' }))
@notificationV1.NotificationServiceControllerMethods()
export class NotificationGrpcController implements notificationV1.NotificationServiceController {
  constructor(private readonly notifications: ListNotificationsQuery) {}

  async listNotifications(request: notificationV1.ListNotificationsRequest): Promise<notificationV1.ListNotificationsResponse> {
    const { userId } = parseRequest(listNotificationsRequestSchema, request);
    const notifications = await this.notifications.execute(userId);
    return { notifications: notifications.map(toProto) };
  }
}

/**
 * The contract knows PENDING, SENT and FAILED. A SENDING notification is not known to be sent (it
 * may be in doubt for good), so the customer sees it as PENDING, not as SENT.
 */
function statusOf(notification: Notification): notificationV1.NotificationStatus {
  const status = notification.status === 'SENDING' ? 'PENDING' : notification.status;
  return NotificationStatus[`NOTIFICATION_STATUS_${status}`];
}

function toProto(notification: Notification): notificationV1.Notification {
  return {
    id: notification.id,
    type: NotificationType[`NOTIFICATION_TYPE_${notification.type}`],
    orderId: notification.orderId,
    channel: NotificationChannel[`NOTIFICATION_CHANNEL_${notification.channel}`],
    status: statusOf(notification),
    createdAt: notification.createdAt.toISOString(),
  };
}
