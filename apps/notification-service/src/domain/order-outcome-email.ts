import { formatMoney } from './money.js';
import type { OrderOutcome, OrderOutcomeReason } from './order-outcome.js';

export interface RenderedEmail {
  subject: string;
  text: string;
}

/** The reason codes of the order events, in words a customer understands. */
const REASON_TEXT: Record<OrderOutcomeReason, string> = {
  INSUFFICIENT_STOCK: 'some of the items are not in stock in the quantity you asked for',
  UNKNOWN_SKU: 'one of the items is no longer in our catalogue',
  CARD_DECLINED: 'your card was declined',
  INVALID_PAYMENT_TOKEN: 'the payment method could not be used',
  GATEWAY_TIMEOUT: 'the payment provider did not answer in time',
  GATEWAY_UNAVAILABLE: 'the payment provider was not available',
  SAGA_TIMED_OUT: 'we could not complete it in time',
  CONFIRMATION_FAILED: 'we could not complete the payment and the reservation of your items',
};

export function describeReason(reason: OrderOutcomeReason): string {
  return REASON_TEXT[reason];
}

/** A short plain-text email about how the order ended; the same outcome always renders the same. */
export function renderOrderOutcomeEmail(outcome: OrderOutcome): RenderedEmail {
  const total = formatMoney(outcome.totalCents, outcome.currency);
  const order = `order ${outcome.orderId}`;
  switch (outcome.type) {
    case 'ORDER_CONFIRMED':
      return email(`Your order ${outcome.orderId} is confirmed`, [
        `Thank you: your ${order} is confirmed.`,
        `Total charged: ${total}.`,
      ]);
    case 'ORDER_REJECTED':
      return email(`Your order ${outcome.orderId} could not be accepted`, [
        `We could not accept your ${order} (total ${total}): ${describeReason(outcome.reason)}.`,
        'Nothing was charged.',
      ]);
    case 'ORDER_CANCELLED':
      return email(`Your order ${outcome.orderId} was cancelled`, [
        `Your ${order} (total ${total}) was cancelled: ${describeReason(outcome.reason)}.`,
        'Any amount reserved on your card has been released.',
      ]);
  }
}

function email(subject: string, paragraphs: string[]): RenderedEmail {
  return { subject, text: ['Hello,', '', ...paragraphs, '', 'The Shop team', ''].join('\n') };
}
