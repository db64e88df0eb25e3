import { Injectable } from '@nestjs/common';
import { GatewayError } from '../gateway-error.js';
import { IdempotencyKeys } from '../ports/idempotency-keys.js';
import { OrderBook } from '../ports/order-book.js';
import { decideIdempotency } from './idempotency-decision.js';
import type { PlaceOrderCommand, PlacedOrder } from './place-order.command.js';
import { refusedBeforePlacing } from './refused-before-placing.js';
import { fingerprintOf } from './request-fingerprint.js';

/**
 * Places an order at the order service, honouring the Idempotency-Key: the same key with the same
 * body gets the first order back, the same key with another body is refused. Keys are per user.
 */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly orders: OrderBook,
    private readonly keys: IdempotencyKeys,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlacedOrder> {
    const { userId, idempotencyKey } = command;
    if (idempotencyKey === null) return this.forward(command);

    const fingerprint = fingerprintOf(command);
    const claim = await this.keys.claim(userId, idempotencyKey, fingerprint);
    const decision = decideIdempotency(claim.claimed ? null : claim.existing, fingerprint);
    switch (decision.action) {
      case 'replay':
        return { orderId: decision.orderId };
      case 'conflict':
        throw new GatewayError('IDEMPOTENCY.KEY_REUSED', 'Idempotency-Key was already used with a different request body');
      case 'join':
        return this.placeAndRemember(command, idempotencyKey, fingerprint);
      case 'place':
        try {
          return await this.placeAndRemember(command, idempotencyKey, fingerprint);
        } catch (error) {
          if (refusedBeforePlacing(error)) await this.keys.release(userId, idempotencyKey, fingerprint);
          throw error;
        }
    }
  }

  private async placeAndRemember(command: PlaceOrderCommand, idempotencyKey: string, fingerprint: string): Promise<PlacedOrder> {
    const placed = await this.forward(command);
    await this.keys.complete(command.userId, idempotencyKey, fingerprint, placed.orderId);
    return placed;
  }

  private async forward(command: PlaceOrderCommand): Promise<PlacedOrder> {
    const { orderId } = await this.orders.placeOrder({
      userId: command.userId,
      items: command.items.map(({ sku, quantity }) => ({ sku, quantity })),
      paymentToken: command.paymentToken,
      idempotencyKey: command.idempotencyKey ?? '',
    });
    return { orderId };
  }
}
