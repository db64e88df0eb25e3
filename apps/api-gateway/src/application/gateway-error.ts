import { defineErrors, serviceErrorClass } from '@shop/errors';

/** Refusals the gateway decides itself; interface/http/errors maps each kind to an HTTP status. */
export const GATEWAY_ERRORS = defineErrors({
  /** The Idempotency-Key was already used for a different request body. */
  'IDEMPOTENCY.KEY_REUSED': 'ALREADY_EXISTS',
  /** Inventory is down and no product list was ever cached. */
  'CATALOG.UNAVAILABLE': 'UNAVAILABLE',
  /** No such order for this customer (or an order id that cannot be one): as order-service says it. */
  'ORDER.NOT_FOUND': 'NOT_FOUND',
});
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** Its message is the detail alone: it is what the HTTP error body says. */
export class GatewayError extends serviceErrorClass(GATEWAY_ERRORS, 'detail') {}
