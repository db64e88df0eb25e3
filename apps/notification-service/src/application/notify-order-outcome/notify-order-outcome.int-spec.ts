// NotifyOrderOutcomeHandler composed as in the app, against the MongoDB stand-in (a database of this run)
// and a real gRPC server standing in for user-service.
import { eventually, freePort } from '@shop/testing';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Notification } from '../../domain/notification.js';
import { NotificationError } from '../../domain/notification.errors.js';
import type { SentEmailDocument } from '../../infrastructure/mail/stored-json.email-sender.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../testing/fake-smtp-server.js';
import { startFakeUserService, type FakeUserService } from '../../testing/fake-user-service.js';
import { startNotificationTestApp, type NotificationTestApp } from '../../testing/notification-test-app.js';
import { orderCancelled, orderConfirmed, orderRejected } from '../../testing/order-events.js';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { NotifyOrderOutcomeHandler } from './notify-order-outcome.handler.js';
import type { OrderOutcomeMessage } from './order-outcome.message.js';

type NotificationDocument = Omit<Notification, 'id'> & { _id: string };

describe('NotifyOrderOutcomeHandler', () => {
  let database: TestDatabase;
  let users: FakeUserService;
  let service: NotificationTestApp;
  let notify: NotifyOrderOutcomeHandler;

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
    notify = service.app.get(NotifyOrderOutcomeHandler);
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
      await assert.rejects(withoutUserService.app.get(NotifyOrderOutcomeHandler).handle(event), (error: unknown) => {
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
  describe('over an SMTP relay, where an email sent twice reaches the customer twice', () => {
    let relay: FakeSmtpServer;
    let instances: NotificationTestApp[];
    /** Two instances of the service, as during a consumer-group rebalance or after a restart. */
    let first: NotifyOrderOutcomeHandler;
    let second: NotifyOrderOutcomeHandler;
    const emailsTo = (address: string) => relay.received.filter((mail) => mail.to.includes(address));

    before(async () => {
      relay = await startFakeSmtpServer();
      const options = { mongoUrl: database.url, userGrpcUrl: users.url, environment: { SMTP_URL: relay.url } };
      instances = [await startNotificationTestApp(options), await startNotificationTestApp(options)];
      [first, second] = instances.map((instance) => instance.app.get(NotifyOrderOutcomeHandler)) as [NotifyOrderOutcomeHandler, NotifyOrderOutcomeHandler];
    });
    afterEach(() => {
      relay.answerAfterMs = 0;
      relay.answerEndOfData = 'accept';
    });
    after(async () => {
      for (const instance of instances ?? []) await instance.close();
      await relay?.stop();
    });

    it('sends one email when two deliveries of an event overlap on a slow relay', async () => {
      const ada = customer();
      const event = orderConfirmed({ userId: ada.id });
      relay.answerAfterMs = 500;

      const results = await Promise.all([first.handle(event), second.handle(event)]);

      assert.equal(emailsTo(ada.email).length, 1);
      assert.deepEqual(results.sort(), ['ALREADY_SENDING', 'SENT']);
      const stored = await notifications().find({ orderId: event.payload.orderId }).toArray();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.status, 'SENT');
      assert.equal(stored[0]?.recipient, ada.email);
    });

    it('does not send again when a redelivery finds the send claimed by a process killed mid-send', async () => {
      const ada = customer();
      const event = orderConfirmed({ userId: ada.id });
      relay.answerEndOfData = 'never';

      const killed = await handleInProcess(event, { mongoUrl: database.url, userGrpcUrl: users.url, smtpUrl: relay.url });
      try {
        await eventually('the relay to have the email', () => emailsTo(ada.email).length === 1, { timeoutMs: 20_000 });
      } finally {
        killed.kill('SIGKILL');
        await once(killed, 'exit');
      }
      relay.answerEndOfData = 'accept';

      // The consumer's redelivery of the uncommitted event, in the process that took the partition over.
      assert.equal(await second.handle(event), 'ALREADY_SENDING');

      assert.equal(emailsTo(ada.email).length, 1);
      const stored = await notifications().find({ orderId: event.payload.orderId }).toArray();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.status, 'SENDING');
      assert.equal(stored[0]?.recipient, ada.email);
      assert.match(stored[0]?.claimedBy ?? '', /\/\d+\/[0-9a-f-]{36}$/);
      assert.ok(stored[0]?.claimedAt instanceof Date);
    });

    it('leaves an email the relay took without answering SENDING, for review instead of sending it again', async () => {
      const ada = customer();
      const event = orderCancelled({ userId: ada.id });
      relay.answerEndOfData = 'never';

      const handling = first.handle(event);
      await eventually('the relay to have the email', () => emailsTo(ada.email).length === 1);
      relay.dropConnections();

      assert.equal(await handling, 'DELIVERY_UNCONFIRMED');
      relay.answerEndOfData = 'accept';
      assert.equal(await second.handle(event), 'ALREADY_SENDING');

      assert.equal(emailsTo(ada.email).length, 1);
      const [stored] = await notifications().find({ orderId: event.payload.orderId }).toArray();
      assert.equal(stored?.status, 'SENDING');
      assert.equal(stored?.lastError, 'NOTIFICATION.DELIVERY_UNCONFIRMED');
    });

    it('puts the notification back to PENDING when the relay turns the email away for now, and a redelivery sends it once', async () => {
      const ada = customer();
      const event = orderRejected({ userId: ada.id });
      relay.answerEndOfData = 'refuse-temporarily';

      await assert.rejects(first.handle(event), (error: unknown) => error instanceof NotificationError && error.code === 'NOTIFICATION.DELIVERY_FAILED');
      const [pending] = await notifications().find({ orderId: event.payload.orderId }).toArray();
      assert.equal(pending?.status, 'PENDING');
      assert.equal(pending?.lastError, 'NOTIFICATION.DELIVERY_FAILED');
      assert.equal(pending?.claimedBy, undefined);

      relay.answerEndOfData = 'accept';
      assert.equal(await second.handle(event), 'SENT');
      assert.equal(emailsTo(ada.email).length, 1);
      const [sent] = await notifications().find({ orderId: event.payload.orderId }).toArray();
      assert.equal(sent?.status, 'SENT');
      assert.equal(sent?.attempts, 2);
    });
  });
});

/** Handles the event in a process of its own, which the test may kill; resolves once it handles. */
async function handleInProcess(event: OrderOutcomeMessage, where: { mongoUrl: string; userGrpcUrl: string; smtpUrl: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'testing', 'notify-process.fixture.js')], {
    env: { ...process.env, MONGO_URL: where.mongoUrl, USER_GRPC_URL: where.userGrpcUrl, SMTP_URL: where.smtpUrl, ORDER_EVENT: JSON.stringify(event) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('handling')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the handling process exited with ${code} before it handled`)));
  });
  return child;
}
