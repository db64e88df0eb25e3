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

  /**
   * A request with an idempotency key placed before is answered with that order. The key is not
   * looked up first: the gateway answers most retries from Redis before they reach this service,
   * so the lookup would be a statement (and a transaction) for every order, for the rare retry that
   * gets here. Such a retry is priced again and its insert finds the key taken; a retry whose
   * pricing fails (a product gone since, the catalog down) is answered with its order as well.
   */
  async execute(command: PlaceOrderCommand): Promise<PlacedOrder> {
    let priced: PricedOrder;
    try {
      priced = priceLines(command.items, await this.catalog.findProducts(command.items.map((line) => line.sku)));
    } catch (error) {
      return this.placedEarlierOr(command, error);
    }
    try {
      const placed = await this.record(command, priced);
      CorrelationContext.run(placed.orderId, () => this.logger.log({ orderId: placed.orderId, userId: command.userId }, `order ${placed.orderId} placed, saga started`));
      return placed;
    } catch (error) {
      // The key was used before, or by a concurrent request that committed first: answer with its order.
      if (error instanceof IdempotencyKeyTakenError) return this.placedEarlierOr(command, error);
      throw error;
    }
  }

  private async placedEarlierOr(command: PlaceOrderCommand, error: unknown): Promise<PlacedOrder> {
    const earlier = command.idempotencyKey === null ? null : await this.orders.findByIdempotencyKey(command.userId, command.idempotencyKey);
    if (earlier) return earlier;
    throw error;
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
