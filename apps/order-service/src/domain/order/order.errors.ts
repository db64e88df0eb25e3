import { CodedError, defineErrors } from '@shop/errors';

/** What the order service refuses, and the kind of each (which @shop/errors maps to a gRPC status). */
export const ORDER_ERRORS = defineErrors({
  'ORDER.UNKNOWN_SKUS': 'INVALID_ARGUMENT',
  'ORDER.MIXED_CURRENCIES': 'INVALID_ARGUMENT',
  'ORDER.INVALID_PAGE_TOKEN': 'INVALID_ARGUMENT',
  'ORDER.NOT_FOUND': 'NOT_FOUND',
  'ORDER.CATALOG_UNAVAILABLE': 'UNAVAILABLE',
});
export type OrderErrorCode = keyof typeof ORDER_ERRORS;

export class OrderError extends CodedError<OrderErrorCode> {
  constructor(
    code: OrderErrorCode,
    /** What exactly is wrong, for the client (e.g. which SKUs are unknown); none when the code says it all. */
    readonly detail?: string,
  ) {
    super(code, ORDER_ERRORS[code], detail ? `${code}: ${detail}` : code);
  }
}
