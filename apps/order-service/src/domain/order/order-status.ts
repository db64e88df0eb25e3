/** PENDING until the saga ends; the three others are final. */
export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderOutcome = Exclude<OrderStatus, 'PENDING'>;
export const ORDER_OUTCOMES: readonly OrderOutcome[] = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

/** Shown on a PENDING order whose saga is parked because its compensations were never acknowledged. */
export const COMPENSATION_FAILED_REASON = 'COMPENSATION_FAILED';
