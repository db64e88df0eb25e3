import type { MessageEnvelope } from '@shop/contracts';
import type { NewPayment, Payment, PaymentStatus } from '../../domain/payment.js';
import type { PaymentReply } from '../payment-reply.js';

/** The writes a command may make, inside its transaction. */
export interface PaymentWrites {
  /**
   * Stores the order's payment unless it has one already (a concurrent twin of the command stored
   * it first); returns the stored payment either way, and whether it is this one.
   */
  addUnlessExists(payment: NewPayment): Promise<{ payment: Payment; added: boolean }>;
  /** Stores a transition; false when the stored status is no longer `from` (another command moved it first). */
  saveTransition(payment: Payment, from: PaymentStatus): Promise<boolean>;
}

/** Where payments live. The only way to change one is `handleOnce`, which also records the command and its reply. */
export abstract class PaymentStore {
  abstract findByOrderId(orderId: string): Promise<Payment | null>;

  /**
   * One transaction: claims `command` in the inbox, runs `change`, and writes the reply it returns
   * to the outbox (none when it returns null: the command is handled, and answered by silence).
   * Returns that reply, or null (and changes nothing) when the command was handled before.
   */
  abstract handleOnce(command: MessageEnvelope, change: (payments: PaymentWrites) => Promise<PaymentReply | null>): Promise<PaymentReply | null>;
}
