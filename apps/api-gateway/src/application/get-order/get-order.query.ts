import { Injectable } from '@nestjs/common';
import type { orderV1 } from '@shop/contracts';
import { OrderBook } from '../ports/order-book.js';

/** One order of the customer, with its saga timeline; ORDER.NOT_FOUND for anyone else's. */
@Injectable()
export class GetOrderQuery {
  constructor(private readonly orders: OrderBook) {}

  execute(orderId: string, userId: string): Promise<orderV1.Order> {
    return this.orders.getOrder({ orderId, userId });
  }
}
