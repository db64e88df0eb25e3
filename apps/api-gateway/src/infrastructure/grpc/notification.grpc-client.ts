import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { notificationV1 } from '@shop/contracts';
import { ResiliencePolicies, callGrpc } from '@shop/resilience';
import { GRPC_CLIENT_TOKENS } from './grpc-client-tokens.js';
import { DOWNSTREAM_POLICY } from './resilience-policies.config.js';
import type { NotificationFeed } from '../../application/ports/notification-feed.js';

/** notification-service: what customers were told about their orders. */
@Injectable()
export class NotificationGrpcClient implements NotificationFeed, OnModuleInit {
  private notifications!: notificationV1.NotificationServiceClient;

  constructor(
    @Inject(GRPC_CLIENT_TOKENS.notification) private readonly client: ClientGrpc,
    private readonly policies: ResiliencePolicies,
  ) {}

  onModuleInit(): void {
    this.notifications = this.client.getService<notificationV1.NotificationServiceClient>(notificationV1.NOTIFICATION_SERVICE_NAME);
  }

  async listNotifications(userId: string): Promise<notificationV1.Notification[]> {
    const response = await callGrpc(this.policies.get(DOWNSTREAM_POLICY.notification), { operation: 'read' }, () =>
      this.notifications.listNotifications({ userId }),
    );
    return response.notifications;
  }
}
