/** Stable codes: they cross process boundaries (gRPC messages, logs, dead letters), class names do not. */
export const InventoryErrorCode = {
  INVALID_ARGUMENT: 'INVENTORY.INVALID_ARGUMENT',
  /** CommitReservation for an order that has no reservation. */
  RESERVATION_NOT_FOUND: 'INVENTORY.RESERVATION_NOT_FOUND',
  /** CommitReservation for an order whose units were released or never reserved. */
  RESERVATION_NOT_HELD: 'INVENTORY.RESERVATION_NOT_HELD',
  /** The products of one order are priced in different currencies (the catalog allows one). */
  MIXED_CURRENCIES: 'INVENTORY.MIXED_CURRENCIES',
} as const;

export type InventoryErrorCode = (typeof InventoryErrorCode)[keyof typeof InventoryErrorCode];

/** A refusal with a stable code; mapped to a gRPC status or a dead letter by the interface layer. */
export class InventoryError extends Error {
  constructor(
    readonly code: InventoryErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'InventoryError';
  }
}
