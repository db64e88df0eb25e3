import { Injectable, Logger } from '@nestjs/common';
import { defineCounter } from '@shop/observability';
import { randomUUID } from 'node:crypto';
import { awaitsDelivery, type Notification, type NotificationDraft } from '../../domain/notification.js';
import { NotificationError, type NotificationErrorCode } from '../../domain/notification.errors.js';
import type { OrderOutcome } from '../../domain/order-outcome.js';
import { renderOrderOutcomeEmail } from '../../domain/order-outcome-email.js';
import { Clock } from '../ports/clock.js';
import { EmailRefusedError, EmailSender } from '../ports/email-sender.js';
import { NotificationRepository } from '../ports/notification.repository.js';
import { RecipientDirectory } from '../ports/recipient-directory.js';
import { orderOutcomeOf, type OrderOutcomeMessage } from './order-outcome.message.js';

/** What became of one event. A failure worth retrying is thrown instead. */
export type NotifyResult = 'SENT' | 'ALREADY_SENT' | 'ALREADY_FAILED' | 'RECIPIENT_NOT_FOUND' | 'EMAIL_REFUSED';

const deliveries = defineCounter(
  'notification_deliveries',
  { type: ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'], result: ['sent', 'failed', 'retried'] },
  'Notification delivery attempts by outcome type and result.',
);

/**
 * Tells the customer how their order ended. Safe to run again for the same event, wherever an
 * earlier run stopped: the notification is recorded once per order and outcome (PENDING), a
 * PENDING one is delivered again, a SENT one never is. A failure worth retrying is thrown, so the
 * consumer retries the event with backoff and dead-letters it in the end; the notification then
 * stays PENDING and a replay of the event resumes it. A failure no retry can fix marks it FAILED.
 */
@Injectable()
export class NotifyOrderOutcome {
  private readonly logger = new Logger(NotifyOrderOutcome.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly recipients: RecipientDirectory,
    private readonly emails: EmailSender,
    private readonly clock: Clock,
  ) {}

  async handle(message: OrderOutcomeMessage): Promise<NotifyResult> {
    const notification = await this.notifications.recordPending(this.draft(orderOutcomeOf(message)));
    if (!awaitsDelivery(notification)) return notification.status === 'SENT' ? 'ALREADY_SENT' : 'ALREADY_FAILED';
    await this.notifications.countAttempt(notification.id);
    return this.deliver(notification);
  }

  private draft(outcome: OrderOutcome): NotificationDraft {
    const { subject, text } = renderOrderOutcomeEmail(outcome);
    return {
      id: randomUUID(),
      userId: outcome.userId,
      orderId: outcome.orderId,
      type: outcome.type,
      channel: 'EMAIL',
      subject,
      text,
      ...(outcome.type === 'ORDER_CONFIRMED' ? {} : { reason: outcome.reason }),
      createdAt: this.clock.now(),
    };
  }

  private async deliver(notification: Notification): Promise<NotifyResult> {
    const recipient = await this.retryableStep(notification, 'NOTIFICATION.RECIPIENT_LOOKUP_FAILED', () => this.recipients.find(notification.userId));
    if (!recipient) {
      await this.fail(notification, 'NOTIFICATION.RECIPIENT_NOT_FOUND', `user-service knows no user ${notification.userId}`);
      return 'RECIPIENT_NOT_FOUND';
    }
    const { id: notificationId, subject, text } = notification;
    try {
      await this.retryableStep(notification, 'NOTIFICATION.DELIVERY_FAILED', () => this.emails.send({ notificationId, to: recipient.email, subject, text }));
    } catch (error) {
      if (!(error instanceof EmailRefusedError)) throw error;
      await this.fail(notification, 'NOTIFICATION.EMAIL_REFUSED', error.message);
      return 'EMAIL_REFUSED';
    }
    await this.notifications.markSent(notification.id, recipient.email, this.clock.now());
    deliveries.add({ type: notification.type, result: 'sent' });
    return 'SENT';
  }

  /**
   * One step of the delivery. A failure leaves the notification PENDING with the code and is
   * rethrown as a NotificationError, to be retried; a refused email is passed on as it is.
   */
  private async retryableStep<T>(notification: Notification, code: NotificationErrorCode, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof EmailRefusedError) throw error;
      await this.notifications.recordRetryableFailure(notification.id, code);
      deliveries.add({ type: notification.type, result: 'retried' });
      throw new NotificationError(code, `${notification.type} for order ${notification.orderId}: ${messageOf(error)}`, { cause: error });
    }
  }

  private async fail(notification: Notification, code: NotificationErrorCode, detail: string): Promise<void> {
    await this.notifications.markFailed(notification.id, code);
    deliveries.add({ type: notification.type, result: 'failed' });
    this.logger.warn(`${code}: ${notification.type} for order ${notification.orderId} will not be delivered: ${detail}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
