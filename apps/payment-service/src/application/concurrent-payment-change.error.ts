/**
 * Another command moved the payment between this command's read and its write. Thrown to roll the
 * transaction back and have the command retried: the next attempt reads the new state.
 */
export class ConcurrentPaymentChangeError extends Error {
  readonly code = 'PAYMENT.CONCURRENT_CHANGE';

  constructor(orderId: string) {
    super(`the payment of order ${orderId} changed while the command ran; it will be retried`);
  }
}
