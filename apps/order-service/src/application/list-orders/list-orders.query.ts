import { Injectable } from '@nestjs/common';
import { OrderStore, type OrderView } from '../ports/order.store.js';
import { decodePageToken, encodePageToken } from './page-token.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface OrderPage {
  readonly orders: readonly OrderView[];
  /** Null on the last page. */
  readonly nextPageToken: string | null;
}

@Injectable()
export class ListOrdersQuery {
  constructor(private readonly orders: OrderStore) {}

  /** The user's orders, newest first; `pageToken` is null for the first page. */
  async execute(userId: string, pageSize: number, pageToken: string | null): Promise<OrderPage> {
    const after = pageToken === null ? null : decodePageToken(pageToken);
    // One more than asked tells whether another page follows, without counting.
    const found = await this.orders.listForUser(userId, after, pageSize + 1);
    const orders = found.slice(0, pageSize);
    const last = orders.at(-1);
    const nextPageToken = found.length > pageSize && last ? encodePageToken({ createdAt: last.createdAt, orderId: last.orderId }) : null;
    return { orders, nextPageToken };
  }
}
