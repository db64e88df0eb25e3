import { Injectable } from '@nestjs/common';
import type { orderV1 } from '@shop/contracts';
import { OrderBook } from '../ports/order-book.js';

/** A page of the customer's orders, newest first, and the token of the next page ('' when none). */
@Injectable()
export class ListOrdersQuery {
  constructor(private readonly orders: OrderBook) {}

  execute(userId: string, pageSize: number, pageToken: string): Promise<orderV1.ListOrdersResponse> {
    return this.orders.listOrders({ userId, pageSize, pageToken });
  }
}
