import { defineErrors, serviceErrorClass } from '@shop/errors';

/** What the order service refuses, and the kind of each (which @shop/errors maps to a gRPC status). */
export const ORDER_ERRORS = defineErrors({
  'ORDER.UNKNOWN_SKUS': 'INVALID_ARGUMENT',
  'ORDER.MIXED_CURRENCIES': 'INVALID_ARGUMENT',
  'ORDER.INVALID_PAGE_TOKEN': 'INVALID_ARGUMENT',
  'ORDER.NOT_FOUND': 'NOT_FOUND',
  'ORDER.CATALOG_UNAVAILABLE': 'UNAVAILABLE',
});
export type OrderErrorCode = keyof typeof ORDER_ERRORS;

export class OrderError extends serviceErrorClass(ORDER_ERRORS) {}
