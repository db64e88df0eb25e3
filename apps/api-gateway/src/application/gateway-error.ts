/** Refusals the gateway decides itself, with stable codes; interface/http/errors maps each code to an HTTP status. */
export const GatewayErrorCode = {
  /** The Idempotency-Key was already used for a different request body. */
  IdempotencyKeyReused: 'IDEMPOTENCY.KEY_REUSED',
  /** Inventory is down and no product list was ever cached. */
  CatalogUnavailable: 'CATALOG.UNAVAILABLE',
  /** No such order for this customer (or an order id that cannot be one): as order-service says it. */
  OrderNotFound: 'ORDER.NOT_FOUND',
} as const;

export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
  ) {
    super(message);
  }
}
