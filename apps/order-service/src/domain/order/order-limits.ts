// What one order may hold. Generous for a shop, small enough that one order cannot lock half the
// catalog in a single reservation.
export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 1000;
