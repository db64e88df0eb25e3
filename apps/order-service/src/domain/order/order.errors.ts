/**
 * Stable codes of what the order service refuses; the gRPC interface maps each to a status code
 * in one place. Codes, not classes, because `instanceof` does not cross a process boundary.
 */
export const ORDER_ERROR_CODES = [
  'ORDER.UNKNOWN_SKUS',
  'ORDER.MIXED_CURRENCIES',
  'ORDER.INVALID_PAGE_TOKEN',
  'ORDER.NOT_FOUND',
  'ORDER.CATALOG_UNAVAILABLE',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

export class OrderError extends Error {
  constructor(
    readonly code: OrderErrorCode,
    /** What exactly is wrong, for the client (e.g. which SKUs are unknown); none when the code says it all. */
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'OrderError';
  }
}

export function isOrderError(error: unknown): error is OrderError {
  return error instanceof OrderError;
}
