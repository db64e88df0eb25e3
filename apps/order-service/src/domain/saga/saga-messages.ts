// The messages the saga exchanges, as plain data: the machine decides what to send, the
// application layer wraps it in an envelope and writes it to the outbox.
import {
  PaymentAuthorizedReply,
  PaymentCapturedReply,
  PaymentDeclinedReply,
  PaymentVoidedReply,
  ReservationCommittedReply,
  StockReleasedReply,
  StockReservationFailedReply,
  StockReservedReply,
  type AnyMessageDefinition,
  type AuthorizePaymentCommand,
  type CapturePaymentCommand,
  type CommitReservationCommand,
  type OrderCancelledEvent,
  type OrderConfirmedEvent,
  type OrderRejectedEvent,
  type PayloadOf,
  type ReleaseStockCommand,
  type ReserveStockCommand,
  type VoidPaymentCommand,
} from '@shop/contracts/messages';

/** A message to send: its definition and its payload. */
export type OutgoingMessage<TDefinition> = TDefinition extends AnyMessageDefinition
  ? { readonly definition: TDefinition; readonly payload: PayloadOf<TDefinition> }
  : never;

export type SagaCommand = OutgoingMessage<
  | typeof ReserveStockCommand
  | typeof AuthorizePaymentCommand
  | typeof CommitReservationCommand
  | typeof CapturePaymentCommand
  | typeof VoidPaymentCommand
  | typeof ReleaseStockCommand
>;

export type OrderOutcomeEvent = OutgoingMessage<typeof OrderConfirmedEvent | typeof OrderRejectedEvent | typeof OrderCancelledEvent>;

/** Every reply the orchestrator reads from its reply topic. */
export const SAGA_REPLY_DEFINITIONS = [
  StockReservedReply,
  StockReservationFailedReply,
  StockReleasedReply,
  ReservationCommittedReply,
  PaymentAuthorizedReply,
  PaymentDeclinedReply,
  PaymentCapturedReply,
  PaymentVoidedReply,
] as const;

type ReplyOf<TDefinition> = TDefinition extends AnyMessageDefinition
  ? { readonly type: TDefinition['type']; readonly payload: PayloadOf<TDefinition> }
  : never;

/** The part of a reply's envelope the machine reads; a parsed message is one. */
export type SagaReply = ReplyOf<(typeof SAGA_REPLY_DEFINITIONS)[number]>;

export function isSagaReplyType(type: string): boolean {
  return SAGA_REPLY_DEFINITIONS.some((definition) => definition.type === type);
}
