import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { EmailRefusedError, EmailSender, type OutgoingEmail } from '../../application/ports/email-sender.js';
import { mailMessageIdOf } from './mail-message-id.js';

/**
 * nodemailer's defaults wait up to 2 minutes for a connection and 10 for a silent socket: far
 * longer than an event should hold its partition. A slow relay fails the attempt instead, and
 * the consumer retries it with backoff.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Delivers through an SMTP relay (SMTP_URL). */
@Injectable()
export class SmtpEmailSender extends EmailSender implements OnModuleDestroy {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS }, { from });
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.transport.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: mailMessageIdOf(email.notificationId, this.from),
      });
    } catch (error) {
      if (isRecipientRefused(error)) throw new EmailRefusedError(`the relay refused ${email.to}: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/**
 * A permanent (5xx) refusal of the recipient: sending again cannot help. Other failures, 5xx
 * included (a refused login is a configuration to fix), stay retryable.
 */
function isRecipientRefused(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return code === 'EENVELOPE' && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
