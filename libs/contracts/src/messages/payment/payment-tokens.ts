// The card tokens of the simulated card gateway. A real gateway issues a token when the customer
// types a card into its form; this system has no such form, so an order names one of these, and
// each one makes the gateway answer in a known way. The order service refuses any other token
// (400 at order placement), so an unknown token never starts a saga.
export const PAYMENT_TEST_TOKENS = [
  // Approved: authorize, capture and void all succeed.
  'pm_card_ok',
  // Declined by the issuer: a business answer (reason CARD_DECLINED), never retried and never
  // counted against the gateway's circuit breaker.
  'pm_card_declined',
  // Approved, but only after CARD_GATEWAY_SLOW_MS (3 s by default), longer than the payment
  // attempt timeout (1 s): the authorization times out (GATEWAY_TIMEOUT), and repeated slow calls
  // open the gateway's circuit breaker.
  'pm_card_slow',
] as const;

export type PaymentTestToken = (typeof PAYMENT_TEST_TOKENS)[number];

/** Whether the simulated card gateway knows the token; anything else is an invalid payment token. */
export function isKnownPaymentToken(token: string): token is PaymentTestToken {
  return (PAYMENT_TEST_TOKENS as readonly string[]).includes(token);
}
