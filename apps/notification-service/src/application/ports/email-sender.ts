export interface OutgoingEmail {
  /** The notification it delivers: also the email's Message-ID, so a resent copy is recognisable. */
  notificationId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Hands an email to the mail system; resolves once it is accepted. What a failure tells decides
 * whether the email may be sent again, so senders throw:
 * - EmailRefusedError: refused for good; sending again cannot help;
 * - EmailNotSentError: certainly not taken (relay unreachable, a temporary refusal); sending again
 *   is safe and may succeed;
 * - anything else: the mail system may have taken the email (the connection broke after the
 *   message went out); sending again could deliver it twice.
 */
export abstract class EmailSender {
  abstract send(email: OutgoingEmail): Promise<void>;
}

/** The mail system refused the email for good (e.g. SMTP 550, no such mailbox). */
export class EmailRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmailRefusedError';
  }
}

/** The mail system certainly did not take the email: sending it again cannot make a duplicate. */
export class EmailNotSentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmailNotSentError';
  }
}
