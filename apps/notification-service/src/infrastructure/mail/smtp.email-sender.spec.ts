import { eventually, freePort } from '@shop/testing';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { EmailNotSentError, EmailRefusedError } from '../../application/ports/email-sender.js';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../testing/fake-smtp-server.js';
import { SmtpEmailSender } from './smtp.email-sender.js';

describe('SmtpEmailSender', () => {
  let smtp: FakeSmtpServer;
  let sender: SmtpEmailSender;

  before(async () => {
    smtp = await startFakeSmtpServer();
    sender = new SmtpEmailSender(smtp.url, 'Shop <orders@shop.example>');
  });
  afterEach(() => {
    smtp.answerEndOfData = 'accept';
  });
  after(async () => {
    sender.onApplicationShutdown();
    await smtp.stop();
  });

  it('hands the email to the relay from MAIL_FROM, with the notification as its Message-ID', async () => {
    await sender.send({ notificationId: 'c8a4d3e2-0000-4000-8000-000000000001', to: 'ada@example.com', subject: 'Your order is confirmed', text: 'Hello,\n\nTotal charged: €19.99.\n' });

    assert.equal(smtp.received.length, 1);
    const [mail] = smtp.received;
    assert.equal(mail?.from, 'orders@shop.example');
    assert.deepEqual(mail?.to, ['ada@example.com']);
    assert.match(mail?.data ?? '', /^Subject: Your order is confirmed$/m);
    assert.match(mail?.data ?? '', /^Message-ID: <c8a4d3e2-0000-4000-8000-000000000001@shop\.example>$/m);
    assert.match(mail?.data ?? '', /^From: Shop <orders@shop\.example>$/m);
    assert.match(mail?.data ?? '', /Total charged: =E2=82=AC19\.99\.|Total charged: €19\.99\./);
  });

  it('reports a recipient the relay refuses for good as refused, not as worth retrying', async () => {
    smtp.refuse.add('nobody@example.com');
    await assert.rejects(
      sender.send({ notificationId: 'c8a4d3e2-0000-4000-8000-000000000002', to: 'nobody@example.com', subject: 's', text: 't' }),
      (error: unknown) => error instanceof EmailRefusedError && /550/.test(error.message),
    );
  });

  it('reports an unreachable relay as not sent: sending again cannot make a duplicate', async () => {
    const unreachable = new SmtpEmailSender(`smtp://127.0.0.1:${await freePort()}`, 'orders@shop.example');
    try {
      await assert.rejects(
        unreachable.send({ notificationId: 'c8a4d3e2-0000-4000-8000-000000000003', to: 'ada@example.com', subject: 's', text: 't' }),
        (error: unknown) => error instanceof EmailNotSentError && /ECONNREFUSED/.test(error.message),
      );
    } finally {
      unreachable.onApplicationShutdown();
    }
  });

  it('reports a temporary refusal of the message (451 after its end) as not sent', async () => {
    smtp.answerEndOfData = 'refuse-temporarily';
    await assert.rejects(
      sender.send({ notificationId: 'c8a4d3e2-0000-4000-8000-000000000004', to: 'ada@example.com', subject: 's', text: 't' }),
      (error: unknown) => error instanceof EmailNotSentError && /451/.test(error.message),
    );
  });

  it('reports a connection lost after the relay had the whole message as neither refused nor not sent: it may have gone', async () => {
    smtp.answerEndOfData = 'never';
    const before = smtp.received.length;
    const sending = sender.send({ notificationId: 'c8a4d3e2-0000-4000-8000-000000000005', to: 'ada@example.com', subject: 's', text: 't' });
    await eventually('the relay to have the message', () => smtp.received.length > before, { timeoutMs: 5_000, intervalMs: 10 });
    smtp.dropConnections();
    await assert.rejects(sending, (error: unknown) => error instanceof Error && !(error instanceof EmailNotSentError) && !(error instanceof EmailRefusedError));
  });
});
