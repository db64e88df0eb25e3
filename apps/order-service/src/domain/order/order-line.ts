/** What the customer asked for. */
export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A line with the unit price it is charged, in cents of the order's currency. */
export interface PricedLine extends RequestedLine {
  readonly unitPriceCents: number;
}

export function totalCentsOf(lines: readonly PricedLine[]): number {
  return lines.reduce((total, line) => total + line.unitPriceCents * line.quantity, 0);
}
