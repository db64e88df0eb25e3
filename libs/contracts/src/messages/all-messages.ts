// The table of contents of the system's Kafka messages: a new message type (or a new version of
// one) is added here, and from then on every consumer can parse it.
import { CommitReservationCommand, ReleaseStockCommand, ReserveStockCommand } from './inventory/inventory.commands.js';
import {
  ReservationCommittedReply,
  StockReleasedReply,
  StockReservationFailedReply,
  StockReservedReply,
} from './inventory/inventory.replies.js';
import type { MessageOf } from './message-definition.js';
import { createMessageRegistry } from './message-registry.js';
import { OrderCancelledEvent, OrderConfirmedEvent, OrderRejectedEvent } from './order/order.events.js';
import { AuthorizePaymentCommand, CapturePaymentCommand, VoidPaymentCommand } from './payment/payment.commands.js';
import {
  PaymentAuthorizedReply,
  PaymentCapturedReply,
  PaymentDeclinedReply,
  PaymentVoidedReply,
} from './payment/payment.replies.js';
import { UserRegisteredEvent } from './user/user.events.js';
// (npx nx g @shop/tooling:service adds new imports above this line)

export const ALL_MESSAGE_DEFINITIONS = [
  ReserveStockCommand,
  ReleaseStockCommand,
  CommitReservationCommand,
  StockReservedReply,
  StockReservationFailedReply,
  StockReleasedReply,
  ReservationCommittedReply,
  AuthorizePaymentCommand,
  CapturePaymentCommand,
  VoidPaymentCommand,
  PaymentAuthorizedReply,
  PaymentDeclinedReply,
  PaymentCapturedReply,
  PaymentVoidedReply,
  OrderConfirmedEvent,
  OrderRejectedEvent,
  OrderCancelledEvent,
  UserRegisteredEvent,
  // (npx nx g @shop/tooling:service adds new messages above this line)
] as const;

export type KnownMessageDefinition = (typeof ALL_MESSAGE_DEFINITIONS)[number];

/** Any message of the system, discriminated by `type` (and `version`), so a switch narrows the payload. */
export type KnownMessage = MessageOf<KnownMessageDefinition>;

export const messageRegistry = createMessageRegistry<KnownMessageDefinition>(ALL_MESSAGE_DEFINITIONS);
