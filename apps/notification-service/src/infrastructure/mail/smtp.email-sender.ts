import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { EmailNotSentError, EmailRefusedError, EmailSender, type OutgoingEmail } from '../../application/ports/email-sender.js';
import { mailMessageIdOf } from './mail-message-id.js';

/**
 * nodemailer's defaults wait up to 2 minutes for a connection and 10 for a silent socket: far
 * longer than an event should hold its partition. A slow relay fails the attempt instead: retried
 * when the relay certainly did not take the email, left for review when it may have.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Delivers through an SMTP relay (SMTP_URL). */
@Injectable()
export class SmtpEmailSender extends EmailSender implements OnApplicationShutdown {
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
      if (certainlyNotTaken(error)) throw new EmailNotSentError(`the relay did not take the email: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  // In the last shutdown phase, after the consumers (stopped in onModuleDestroy) finished their sends.
  onApplicationShutdown(): void {
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

/** The system errors of a connection that never opened. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** nodemailer's timeouts before the relay greeted us (the socket's own silence timeout can strike later). */
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/**
 * The relay certainly did not take the message, so sending it again cannot make a duplicate: it
 * answered with a refusal (4xx/5xx: RFC 5321 hands the message over only with the 250 after its
 * end), or no session was ever set up (no connection, no greeting, TLS or login failed). A
 * connection lost later, a socket timeout in particular, may have come after the relay took the
 * message: the caller cannot know, and must not resend.
 */
function certainlyNotTaken(error: unknown): boolean {
  const { code, responseCode, originalCode, timeoutType } = (error ?? {}) as Record<string, unknown>;
  if (typeof responseCode === 'number' && responseCode >= 400) return true;
  if (code === 'EDNS' || code === 'ETLS' || code === 'EAUTH' || code === 'EENVELOPE') return true;
  if ((code === 'ECONNECTION' || code === 'ESOCKET') && typeof originalCode === 'string' && NOT_CONNECTED.has(originalCode)) return true;
  return code === 'ETIMEDOUT' && typeof timeoutType === 'string' && SETUP_TIMEOUTS.has(timeoutType);
}
