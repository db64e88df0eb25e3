// ListNotifications served by the service's gRPC server in-process and called with a plain grpc-js
// client, as the gateway does; the notifications are made by handling order events.
import * as grpc from '@grpc/grpc-js';
import type { notificationV1 } from '@shop/contracts';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { NotifyOrderOutcomeHandler } from '../../application/notify-order-outcome/notify-order-outcome.handler.js';
import { startFakeUserService, type FakeUserService } from '../../testing/fake-user-service.js';
import { callUnary, serviceDefinition } from '../../testing/grpc-test-client.js';
import { startNotificationTestApp, type NotificationTestApp } from '../../testing/notification-test-app.js';
import { orderCancelled, orderConfirmed, orderRejected } from '../../testing/order-events.js';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.js';

describe('NotificationService.ListNotifications over gRPC', () => {
  let database: TestDatabase;
  let users: FakeUserService;
  let service: NotificationTestApp;
  let client: grpc.Client;
  const list = (userId: string) => callUnary<notificationV1.ListNotificationsResponse>(client, 'ListNotifications', { userId });

  before(async () => {
    database = await openTestDatabase();
    users = await startFakeUserService();
    service = await startNotificationTestApp({ mongoUrl: database.url, userGrpcUrl: users.url, serveGrpc: true });
    const NotificationService = serviceDefinition('notification');
    client = new NotificationService(service.grpcUrl, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    await service?.close();
    await users?.stop();
    await database?.drop();
  });

  it('lists the user\'s notifications newest first, and nobody else\'s', async () => {
    const ada = { id: randomUUID(), email: 'ada@example.com', name: 'Ada', createdAt: new Date().toISOString() };
    const grace = { id: randomUUID(), email: 'grace@example.com', name: 'Grace', createdAt: new Date().toISOString() };
    users.add(ada);
    users.add(grace);
    const notify = service.app.get(NotifyOrderOutcomeHandler);
    // Handled in this order, on a clock that moves forward at every reading.
    const first = orderConfirmed({ userId: ada.id });
    const graces = orderConfirmed({ userId: grace.id });
    const second = orderRejected({ userId: ada.id });
    const third = orderCancelled({ userId: ada.id });
    for (const event of [first, graces, second, third]) await notify.handle(event);

    const { notifications } = await list(ada.id);

    assert.deepEqual(
      notifications.map(({ orderId, type }) => ({ orderId, type })),
      [
        { orderId: third.payload.orderId, type: 'NOTIFICATION_TYPE_ORDER_CANCELLED' },
        { orderId: second.payload.orderId, type: 'NOTIFICATION_TYPE_ORDER_REJECTED' },
        { orderId: first.payload.orderId, type: 'NOTIFICATION_TYPE_ORDER_CONFIRMED' },
      ],
    );
    for (const notification of notifications) {
      assert.match(notification.id, /^[0-9a-f-]{36}$/);
      assert.equal(notification.channel, 'NOTIFICATION_CHANNEL_EMAIL');
      assert.equal(notification.status, 'NOTIFICATION_STATUS_SENT');
      assert.match(notification.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const createdAt = notifications.map((notification) => notification.createdAt);
    assert.deepEqual(createdAt, [...createdAt].sort().reverse());
    assert.ok(!notifications.some((notification) => notification.orderId === graces.payload.orderId));
  });

  it('answers an empty list for a user without notifications', async () => {
    assert.deepEqual(await list(randomUUID()), { notifications: [] });
  });

  it('shows a notification that could not be delivered yet, or whose email may be on its way, as PENDING', async () => {
    const userId = randomUUID();
    const stored = (status: string, createdAt: Date) => ({
      _id: randomUUID(),
      userId,
      orderId: randomUUID(),
      type: 'ORDER_CONFIRMED',
      channel: 'EMAIL',
      status,
      recipient: status === 'PENDING' ? null : 'ada@example.com',
      subject: 's',
      text: 't',
      attempts: 1,
      createdAt,
    });
    await database.db
      .collection<{ _id: string; [field: string]: unknown }>('notifications')
      .insertMany([stored('PENDING', new Date('2026-01-02T00:00:00Z')), stored('SENDING', new Date('2026-01-01T00:00:00Z'))]);
    const { notifications } = await list(userId);
    assert.deepEqual(notifications.map((notification) => notification.status), ['NOTIFICATION_STATUS_PENDING', 'NOTIFICATION_STATUS_PENDING']);
  });

  it('refuses a user_id that is not a UUID with INVALID_ARGUMENT', async () => {
    for (const userId of ['', 'ada', '1234']) {
      await assert.rejects(list(userId), (error: grpc.ServiceError) => {
        assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
        assert.equal(error.details, 'user_id must be a UUID');
        return true;
      });
    }
  });
});
