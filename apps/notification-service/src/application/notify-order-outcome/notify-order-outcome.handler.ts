import { Injectable, Logger } from '@nestjs/common';
import { defineCounter } from '@shop/observability';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { awaitsDelivery, type Notification, type NotificationDraft, type SendClaim } from '../../domain/notification.js';
import { NotificationError, type NotificationErrorCode } from '../../domain/notification.errors.js';
import type { OrderOutcome } from '../../domain/order-outcome.js';
import { renderOrderOutcomeEmail } from '../../domain/order-outcome-email.js';
import { Clock } from '../ports/clock.js';
import { EmailNotSentError, EmailRefusedError, EmailSender } from '../ports/email-sender.js';
import { NotificationStore } from '../ports/notification.store.js';
import { RecipientDirectory } from '../ports/recipient-directory.js';
import { orderOutcomeOf, type OrderOutcomeMessage } from './order-outcome.message.js';

/** What became of one event. A failure worth retrying is thrown instead. */
export type NotifyResult =
  | 'SENT'
  | 'ALREADY_SENT'
  | 'ALREADY_SENDING'
  | 'ALREADY_FAILED'
  | 'RECIPIENT_NOT_FOUND'
  | 'EMAIL_REFUSED'
  | 'DELIVERY_UNCONFIRMED';

const deliveries = defineCounter(
  'notification_deliveries',
  { type: ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'], result: ['sent', 'failed', 'retried', 'unconfirmed'] },
  'Notification delivery attempts by outcome type and result.',
);

/** Names this process in send claims: where a send broke off is where to look for its fate. */
const SENDING_PROCESS = `${hostname()}/${process.pid}`;

/**
 * Tells the customer how their order ended: one notification per order and outcome, and at most
 * one email for it. Safe to run again for the same event, and for two deliveries of it at once:
 * the notification is recorded once (PENDING); the send is claimed atomically (SENDING) and only
 * the delivery holding the claim sends, then marks it SENT. A failure worth retrying is thrown, so
 * the consumer retries the event with backoff and dead-letters it in the end; the notification is
 * then PENDING and a replay resumes it. A failure no retry can fix marks it FAILED. A send cut
 * short after the email may have gone (a crash, a lost answer) stays SENDING: never sent again.
 */
@Injectable()
export class NotifyOrderOutcomeHandler {
  private readonly logger = new Logger(NotifyOrderOutcomeHandler.name);

  constructor(
    private readonly notifications: NotificationStore,
    private readonly recipients: RecipientDirectory,
    private readonly emails: EmailSender,
    private readonly clock: Clock,
  ) {}

  async handle(message: OrderOutcomeMessage): Promise<NotifyResult> {
    const notification = await this.notifications.recordAttempt(this.draft(orderOutcomeOf(message)));
    if (!awaitsDelivery(notification)) return this.handledBefore(notification);
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
    const recipient = await this.findRecipient(notification);
    if (!recipient) {
      await this.notifications.markFailed(notification.id, 'NOTIFICATION.RECIPIENT_NOT_FOUND');
      this.failed(notification, 'NOTIFICATION.RECIPIENT_NOT_FOUND', `user-service knows no user ${notification.userId}`);
      return 'RECIPIENT_NOT_FOUND';
    }
    // Claimed after the look-up, so that the claim spans the send alone: a crash leaves the
    // notification in doubt only when it strikes while the email is on its way.
    const claim: SendClaim = { notificationId: notification.id, by: `${SENDING_PROCESS}/${randomUUID()}`, at: this.clock.now() };
    if (!(await this.notifications.claimSend(claim, recipient.email))) return this.claimedElsewhere(notification);
    return this.send(notification, claim, recipient.email);
  }

  /** user-service's answer; a failure to get one leaves the notification PENDING and is retried. */
  private async findRecipient(notification: Notification) {
    try {
      return await this.recipients.find(notification.userId);
    } catch (error) {
      await this.notifications.recordRetryableFailure(notification.id, 'NOTIFICATION.RECIPIENT_LOOKUP_FAILED');
      throw this.retried(notification, 'NOTIFICATION.RECIPIENT_LOOKUP_FAILED', error);
    }
  }

  private async send(notification: Notification, claim: SendClaim, to: string): Promise<NotifyResult> {
    const { id: notificationId, subject, text } = notification;
    try {
      await this.emails.send({ notificationId, to, subject, text });
    } catch (error) {
      return this.sendFailed(notification, claim, to, error);
    }
    await this.notifications.markSent(claim, this.clock.now());
    deliveries.add({ type: notification.type, result: 'sent' });
    return 'SENT';
  }

  /** What a failed send tells decides whether the email may go again: see EmailSender. */
  private async sendFailed(notification: Notification, claim: SendClaim, to: string, error: unknown): Promise<NotifyResult> {
    if (error instanceof EmailRefusedError) {
      await this.notifications.markClaimFailed(claim, 'NOTIFICATION.EMAIL_REFUSED');
      this.failed(notification, 'NOTIFICATION.EMAIL_REFUSED', error.message);
      return 'EMAIL_REFUSED';
    }
    if (error instanceof EmailNotSentError) {
      await this.notifications.releaseClaim(claim, 'NOTIFICATION.DELIVERY_FAILED');
      throw this.retried(notification, 'NOTIFICATION.DELIVERY_FAILED', error);
    }
    // Not retried: another try could deliver a second copy, and at most one is what we promise.
    await this.notifications.recordUnconfirmed(claim, 'NOTIFICATION.DELIVERY_UNCONFIRMED');
    deliveries.add({ type: notification.type, result: 'unconfirmed' });
    this.logger.warn(
      `NOTIFICATION.DELIVERY_UNCONFIRMED: ${notification.type} for order ${notification.orderId} may or may not have reached ${to}: ${messageOf(error)}; left SENDING for review`,
    );
    return 'DELIVERY_UNCONFIRMED';
  }

  /** Another delivery claimed the send between our look-up and our claim: it sends, or has sent. */
  private async claimedElsewhere(notification: Notification): Promise<NotifyResult> {
    const current = await this.notifications.find(notification.id);
    if (current?.status === 'SENT') return 'ALREADY_SENT';
    if (current?.status === 'FAILED') return 'ALREADY_FAILED';
    // SENDING; or PENDING again because its send failed for sure, and that delivery retries it.
    return 'ALREADY_SENDING';
  }

  private handledBefore(notification: Notification): NotifyResult {
    if (notification.status === 'SENT') return 'ALREADY_SENT';
    if (notification.status === 'FAILED') return 'ALREADY_FAILED';
    // SENDING: a delivery is sending it now, or was cut short while sending. Either way the email
    // may have gone, and sending it again could make two.
    this.logger.warn(
      `${notification.type} for order ${notification.orderId}: the send was claimed by ${notification.claimedBy ?? '?'} at ${notification.claimedAt?.toISOString() ?? '?'}; not sent again`,
    );
    return 'ALREADY_SENDING';
  }

  /** A failure worth retrying, as the consumer's retry policy expects it. */
  private retried(notification: Notification, code: NotificationErrorCode, error: unknown): NotificationError {
    deliveries.add({ type: notification.type, result: 'retried' });
    return new NotificationError(code, `${notification.type} for order ${notification.orderId}: ${messageOf(error)}`, { cause: error });
  }

  private failed(notification: Notification, code: NotificationErrorCode, detail: string): void {
    deliveries.add({ type: notification.type, result: 'failed' });
    this.logger.warn(`${code}: ${notification.type} for order ${notification.orderId} will not be delivered: ${detail}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
