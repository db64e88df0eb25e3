export interface OutgoingEmail {
  /** The notification it delivers: also the email's Message-ID, so a resent copy is recognisable. */
  notificationId: string;
  to: string;
  subject: string;
  text: string;
}

/** Hands an email to the mail system; resolves once it is accepted, throws when it is not. */
export abstract class EmailSender {
  /** Throws EmailRefusedError when sending again cannot help, anything else when it might. */
  abstract send(email: OutgoingEmail): Promise<void>;
}

/** The mail system refused the email for good (e.g. SMTP 550, no such mailbox). */
export class EmailRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmailRefusedError';
  }
}
