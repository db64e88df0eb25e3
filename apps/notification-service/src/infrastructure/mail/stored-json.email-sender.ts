import { Injectable } from '@nestjs/common';
import { type Collection, MongoServerError } from 'mongodb';
import { createTransport } from 'nodemailer';
import { EmailNotSentError, EmailSender, type OutgoingEmail } from '../../application/ports/email-sender.js';
import { MongoConnection } from '@shop/persistence';
import { mailMessageIdOf } from './mail-message-id.js';

/** An email rendered by nodemailer's JSON transport, kept for inspection. */
export interface SentEmailDocument {
  /** The notification it delivered: one stored email per notification. */
  _id: string;
  messageId: string;
  to: string;
  subject: string;
  /** The whole message as nodemailer rendered it (from, to, subject, text, headers, ...). */
  message: Record<string, unknown>;
  storedAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * Delivery when no SMTP relay is configured: nodemailer renders the email with its JSON
 * transport (the same message composition as SMTP) and the result goes into `sent_emails`,
 * where developers and tests can read what the customer would have received. Storing is keyed by
 * the notification, so storing again never makes a second email: every failure is EmailNotSentError.
 */
@Injectable()
export class StoredJsonEmailSender extends EmailSender {
  private readonly transport;
  private readonly sentEmails: Collection<SentEmailDocument>;

  constructor(
    mongo: MongoConnection,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport({ jsonTransport: true }, { from });
    this.sentEmails = mongo.db.collection<SentEmailDocument>('sent_emails');
  }

  async send(email: OutgoingEmail): Promise<void> {
    try {
      await this.store(email);
    } catch (error) {
      throw new EmailNotSentError(`the email was not stored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private async store(email: OutgoingEmail): Promise<void> {
    const info = await this.transport.sendMail({
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: mailMessageIdOf(email.notificationId, this.from),
    });
    const document: SentEmailDocument = {
      _id: email.notificationId,
      messageId: info.messageId,
      to: email.to,
      subject: email.subject,
      message: JSON.parse(info.message) as Record<string, unknown>,
      storedAt: new Date(),
    };
    try {
      await this.sentEmails.insertOne(document);
    } catch (error) {
      // Stored by an earlier attempt that stopped before marking the notification SENT: keep that one.
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
  }
}
