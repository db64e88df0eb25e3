import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CorrelationContext } from '@shop/observability';
import { startOrderSaga } from '../../domain/saga/order-saga.machine.js';
import type { SagaTimings } from '../../domain/saga/saga-timings.js';
import { SagaOutbox } from '../advance-saga/saga-outbox.js';
import { Clock } from '../ports/clock.js';
import { IdempotencyKeyTakenError, OrderStore, type PlacedOrder } from '../ports/order.store.js';
import { OrderTransactions } from '../ports/order-transactions.js';
import { ProductCatalog } from '../ports/product-catalog.js';
import { SagaStore } from '../ports/saga.store.js';
import { SAGA_TIMINGS } from '../saga-timings.token.js';
import { priceLines, type PricedOrder } from './order-pricing.js';
import type { PlaceOrderCommand } from './place-order.command.js';

/**
 * Records the order and starts its saga. The order row, the saga row, its first timeline line and
 * the ReserveStock command commit in one transaction: either the saga runs, or nothing happened.
 */
@Injectable()
export class PlaceOrderHandler {
  private readonly logger = new Logger(PlaceOrderHandler.name);

  constructor(
    private readonly transactions: OrderTransactions,
    private readonly orders: OrderStore,
    private readonly sagas: SagaStore,
    private readonly catalog: ProductCatalog,
    private readonly outbox: SagaOutbox,
    private readonly clock: Clock,
    @Inject(SAGA_TIMINGS) private readonly timings: SagaTimings,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlacedOrder> {
    const earlier = await this.placedEarlier(command);
    if (earlier) return earlier;
    const priced = priceLines(command.items, await this.catalog.findProducts(command.items.map((line) => line.sku)));
    try {
      const placed = await this.record(command, priced);
      CorrelationContext.run(placed.orderId, () => this.logger.log({ orderId: placed.orderId, userId: command.userId }, `order ${placed.orderId} placed, saga started`));
      return placed;
    } catch (error) {
      // A concurrent request with the same key committed first: answer with its order.
      if (error instanceof IdempotencyKeyTakenError) {
        const winner = await this.placedEarlier(command);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async placedEarlier(command: PlaceOrderCommand): Promise<PlacedOrder | null> {
    return command.idempotencyKey === null ? null : this.orders.findByIdempotencyKey(command.userId, command.idempotencyKey);
  }

  private record(command: PlaceOrderCommand, priced: PricedOrder): Promise<PlacedOrder> {
    return this.transactions.run(async (tx) => {
      const { userId, paymentToken, idempotencyKey } = command;
      const orderId = await this.orders.insert(tx, { userId, paymentToken, idempotencyKey, ...priced });
      const start = startOrderSaga(randomUUID(), { orderId, userId, paymentToken, ...priced }, this.clock.now(), this.timings);
      await this.sagas.insert(tx, orderId, start);
      await this.outbox.write(tx, start, { correlationId: orderId });
      return { orderId, status: 'PENDING' };
    });
  }
}
