// NotifyOrderOutcome composed as in the app, against the MongoDB stand-in (a database of this run)
// and a real gRPC server standing in for user-service.
import { freePort } from '@shop/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Notification } from '../../domain/notification.js';
import { NotificationError } from '../../domain/notification.errors.js';
import type { SentEmailDocument } from '../../infrastructure/mail/stored-json.email-sender.js';
import { startFakeUserService, type FakeUserService } from '../../testing/fake-user-service.js';
import { startNotificationTestApp, type NotificationTestApp } from '../../testing/notification-test-app.js';
import { orderCancelled, orderConfirmed, orderRejected } from '../../testing/order-events.js';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { NotifyOrderOutcome } from './notify-order-outcome.handler.js';

type NotificationDocument = Omit<Notification, 'id'> & { _id: string };

describe('NotifyOrderOutcome', () => {
  let database: TestDatabase;
  let users: FakeUserService;
  let service: NotificationTestApp;
  let notify: NotifyOrderOutcome;

  const notifications = () => database.db.collection<NotificationDocument>('notifications');
  const sentEmails = () => database.db.collection<SentEmailDocument>('sent_emails');
  const customer = () => {
    const user = { id: randomUUID(), email: `ada.${randomUUID().slice(0, 8)}@example.com`, name: 'Ada', createdAt: new Date().toISOString() };
    users.add(user);
    return user;
  };

  before(async () => {
    database = await openTestDatabase();
    users = await startFakeUserService();
    service = await startNotificationTestApp({ mongoUrl: database.url, userGrpcUrl: users.url });
    notify = service.app.get(NotifyOrderOutcome);
  });
  after(async () => {
    await service?.close();
    await users?.stop();
    await database?.drop();
  });

  it('turns an OrderConfirmed event into one SENT notification to the customer and one stored email', async () => {
    const ada = customer();
    const event = orderConfirmed({ userId: ada.id, totalCents: 1999, currency: 'EUR' });

    assert.equal(await notify.handle(event), 'SENT');

    const stored = await notifications().find({ orderId: event.payload.orderId }).toArray();
    assert.equal(stored.length, 1);
    const [notification] = stored;
    assert.equal(notification?.type, 'ORDER_CONFIRMED');
    assert.equal(notification?.status, 'SENT');
    assert.equal(notification?.channel, 'EMAIL');
    assert.equal(notification?.userId, ada.id);
    assert.equal(notification?.recipient, ada.email);
    assert.equal(notification?.attempts, 1);
    assert.ok(notification?.sentAt instanceof Date);

    const emails = await sentEmails().find({ _id: notification?._id }).toArray();
    assert.equal(emails.length, 1);
    assert.equal(emails[0]?.to, ada.email);
    assert.equal(emails[0]?.subject, `Your order ${event.payload.orderId} is confirmed`);
    const message = emails[0]?.message as { from: { address: string }; to: { address: string }[]; text: string; messageId: string };
    assert.equal(message.from.address, 'orders@shop.local');
    assert.deepEqual(message.to.map((to) => to.address), [ada.email]);
    assert.match(message.text, /Total charged: €19\.99\./);
    assert.equal(message.messageId, `<${notification?._id}@shop.local>`);
  });

  it('handles the same event twice with one notification, one email and one look-up of the customer', async () => {
    const ada = customer();
    const event = orderConfirmed({ userId: ada.id });

    assert.equal(await notify.handle(event), 'SENT');
    assert.equal(await notify.handle(event), 'ALREADY_SENT');

    const stored = await notifications().find({ orderId: event.payload.orderId }).toArray();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.attempts, 1);
    assert.equal(await sentEmails().countDocuments({ to: ada.email }), 1);
    assert.equal(users.calls.filter((id) => id === ada.id).length, 1);
  });

  it('notifies once per order and outcome, even when the outcome is published again under a new message id', async () => {
    const ada = customer();
    const first = orderConfirmed({ userId: ada.id });
    const republished = orderConfirmed({ ...first.payload });
    assert.notEqual(first.messageId, republished.messageId);

    await notify.handle(first);
    assert.equal(await notify.handle(republished), 'ALREADY_SENT');
    assert.equal(await notifications().countDocuments({ orderId: first.payload.orderId }), 1);
  });

  it('records one notification and stores one email when two deliveries of an event race each other', async () => {
    const ada = customer();
    const event = orderConfirmed({ userId: ada.id });

    await Promise.all([notify.handle(event), notify.handle(event)]);

    assert.equal(await notifications().countDocuments({ orderId: event.payload.orderId }), 1);
    assert.equal(await sentEmails().countDocuments({ to: ada.email }), 1);
  });

  it('gives each of the three outcomes its own type, reason and wording', async () => {
    const ada = customer();
    const confirmed = orderConfirmed({ userId: ada.id });
    const rejected = orderRejected({ userId: ada.id }, 'INSUFFICIENT_STOCK');
    const cancelled = orderCancelled({ userId: ada.id, totalCents: 4550, currency: 'USD' }, 'CARD_DECLINED');

    for (const event of [confirmed, rejected, cancelled]) assert.equal(await notify.handle(event), 'SENT');

    const byOrder = async (orderId: string) => notifications().findOne({ orderId });
    assert.equal((await byOrder(confirmed.payload.orderId))?.type, 'ORDER_CONFIRMED');
    assert.equal((await byOrder(confirmed.payload.orderId))?.reason, undefined);

    const rejection = await byOrder(rejected.payload.orderId);
    assert.equal(rejection?.type, 'ORDER_REJECTED');
    assert.equal(rejection?.reason, 'INSUFFICIENT_STOCK');
    assert.match(rejection?.text ?? '', /not in stock/);

    const cancellation = await byOrder(cancelled.payload.orderId);
    assert.equal(cancellation?.type, 'ORDER_CANCELLED');
    assert.equal(cancellation?.reason, 'CARD_DECLINED');
    assert.match(cancellation?.text ?? '', /\(total \$45\.50\) was cancelled: your card was declined\./);
    assert.equal(await sentEmails().countDocuments({ to: ada.email }), 3);
  });

  it('keeps the notification PENDING and throws a retryable error while user-service is down, and a redelivery resumes it', async () => {
    const ada = customer();
    const event = orderRejected({ userId: ada.id });
    const withoutUserService = await startNotificationTestApp({ mongoUrl: database.url, userGrpcUrl: `127.0.0.1:${await freePort()}` });
    try {
      await assert.rejects(withoutUserService.app.get(NotifyOrderOutcome).handle(event), (error: unknown) => {
        assert.ok(error instanceof NotificationError);
        assert.equal(error.code, 'NOTIFICATION.RECIPIENT_LOOKUP_FAILED');
        return true;
      });
    } finally {
      await withoutUserService.close();
    }
    const pending = await notifications().find({ orderId: event.payload.orderId }).toArray();
    assert.equal(pending.length, 1);
    assert.equal(pending[0]?.status, 'PENDING');
    assert.equal(pending[0]?.recipient, null);
    assert.equal(pending[0]?.lastError, 'NOTIFICATION.RECIPIENT_LOOKUP_FAILED');
    assert.equal(await sentEmails().countDocuments({ _id: pending[0]?._id }), 0);

    // The consumer's retry (or a replay from the dead-letter topic), once user-service answers again.
    assert.equal(await notify.handle(event), 'SENT');
    const resumed = await notifications().find({ orderId: event.payload.orderId }).toArray();
    assert.equal(resumed.length, 1);
    assert.equal(resumed[0]?._id, pending[0]?._id);
    assert.equal(resumed[0]?.status, 'SENT');
    assert.equal(resumed[0]?.attempts, 2);
    assert.equal(resumed[0]?.lastError, undefined);
    assert.equal(await sentEmails().countDocuments({ _id: resumed[0]?._id }), 1);
  });

  it('marks the notification FAILED, without retrying, when user-service knows no such customer', async () => {
    const event = orderCancelled({ userId: randomUUID() });

    assert.equal(await notify.handle(event), 'RECIPIENT_NOT_FOUND');
    assert.equal(await notify.handle(event), 'ALREADY_FAILED');

    const stored = await notifications().find({ orderId: event.payload.orderId }).toArray();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.status, 'FAILED');
    assert.equal(stored[0]?.lastError, 'NOTIFICATION.RECIPIENT_NOT_FOUND');
    assert.equal(await sentEmails().countDocuments({ _id: stored[0]?._id }), 0);
  });

  it('creates the unique index on order and outcome, and the index for listing a user\'s notifications', async () => {
    const indexes = await notifications().indexes();
    const unique = indexes.find((index) => index.name === 'one_per_order_outcome');
    assert.deepEqual(unique?.key, { orderId: 1, type: 1 });
    assert.equal(unique?.unique, true);
    assert.deepEqual(indexes.find((index) => index.name === 'by_user_newest_first')?.key, { userId: 1, createdAt: -1 });
  });
});
