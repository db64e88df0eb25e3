import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ProductStore } from '../../application/ports/product.store.js';
import { StockTransactions } from '../../application/ports/stock-transactions.js';
import { SEED_PRODUCTS } from './seed-products.js';

/** Fills an empty catalog on start; products that exist keep their stock and prices. */
@Injectable()
export class CatalogSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSeeder.name);

  constructor(
    private readonly transactions: StockTransactions,
    private readonly products: ProductStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const added = await this.transactions.run((transaction) => this.products.addMissing(transaction, SEED_PRODUCTS));
    this.logger.log(added.length > 0 ? `catalog seeded with ${added.length} products: ${added.join(', ')}` : 'catalog already seeded');
  }
}
