import { defineErrors, serviceErrorClass } from '@shop/errors';

/** What the inventory refuses, and the kind of each (which @shop/errors maps to a gRPC status). */
export const INVENTORY_ERRORS = defineErrors({
  /** CommitReservation for an order that has no reservation. */
  'INVENTORY.RESERVATION_NOT_FOUND': 'NOT_FOUND',
  /** CommitReservation for an order whose units were released or never reserved. */
  'INVENTORY.RESERVATION_NOT_HELD': 'FAILED_PRECONDITION',
  /** The products of one order are priced in different currencies (the catalog allows one). */
  'INVENTORY.MIXED_CURRENCIES': 'FAILED_PRECONDITION',
});
export type InventoryErrorCode = keyof typeof INVENTORY_ERRORS;

/** A refusal with a stable code; its message is `CODE: detail`. */
export class InventoryError extends serviceErrorClass(INVENTORY_ERRORS) {}
