import { Injectable } from '@nestjs/common';
import type { Product } from '../../domain/product.js';
import { ProductStore } from '../ports/product.store.js';
import { StockTransactions } from '../ports/stock-transactions.js';

@Injectable()
export class SetProductStockHandler {
  constructor(
    private readonly transactions: StockTransactions,
    private readonly products: ProductStore,
  ) {}

  /**
   * For operators and end-to-end tests: creates the product, or sets its name, price and the
   * units available now (units held by reservations are not part of `available` and stay held).
   * The input is validated at the boundary (SKU format, catalog currency, non-negative numbers).
   */
  execute(product: Product): Promise<Product> {
    return this.transactions.run((transaction) => this.products.upsert(transaction, product));
  }
}
