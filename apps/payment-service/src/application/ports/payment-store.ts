import type { SqlTransaction } from '@shop/messaging';
import type { NewPayment, Payment, PaymentStatus } from '../../domain/payment.js';

/** An open transaction of the payment database; only the infrastructure reads what it is. */
export type PaymentTransaction = SqlTransaction;

/** Runs work in one transaction of the payment database. */
export abstract class PaymentTransactions {
  abstract run<T>(work: (tx: PaymentTransaction) => Promise<T>): Promise<T>;
}

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

/** Where payments live. They change only in a command's transaction (PaymentCommands), with its inbox claim and reply. */
export abstract class PaymentStore {
  abstract findByOrderId(orderId: string): Promise<Payment | null>;
  abstract writesIn(tx: PaymentTransaction): PaymentWrites;
}
