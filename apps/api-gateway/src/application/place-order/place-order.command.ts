/** A customer's order as the gateway forwards it; quantities and SKUs are already validated. */
export interface OrderRequestBody {
  items: { sku: string; quantity: number }[];
  paymentToken: string;
}

export interface PlaceOrderCommand extends OrderRequestBody {
  /** From the verified access token, never from the body. */
  userId: string;
  /** The Idempotency-Key header, or null when the client sent none. */
  idempotencyKey: string | null;
}

export interface PlacedOrder {
  orderId: string;
}
