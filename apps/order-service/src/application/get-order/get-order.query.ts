import { Injectable } from '@nestjs/common';
import { OrderError } from '../../domain/order/order.errors.js';
import { OrderStore, type OrderView } from '../ports/order.store.js';

@Injectable()
export class GetOrderQuery {
  constructor(private readonly orders: OrderStore) {}

  /** The order with its saga timeline; NOT_FOUND also for another user's order, so ids cannot be probed. */
  async execute(orderId: string, userId: string): Promise<OrderView> {
    const order = await this.orders.findForUser(orderId, userId);
    if (!order) throw new OrderError('ORDER.NOT_FOUND');
    return order;
  }
}
