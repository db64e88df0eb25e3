import { Module } from '@nestjs/common';
import { provideIdempotentCommands } from '@shop/messaging';
import { CatalogModule } from './catalog.module.js';
import { CommitReservationHandler } from './application/commit-reservation/commit-reservation.handler.js';
import { ExpireHeldReservationsHandler } from './application/expire-held-reservations/expire-held-reservations.handler.js';
import { ReleaseStockHandler } from './application/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './application/reserve-stock/reserve-stock.handler.js';
import { ReservationRepository } from './infrastructure/reservation.repository.js';
import { StockRepository } from './infrastructure/stock.repository.js';
import type { StockTransaction } from './application/stock-transaction.js';
import { StockTransactions } from './infrastructure/stock-transactions.js';
import { INVENTORY_CONSUMER_GROUP, InventoryCommandHandler } from './interface/messaging/inventory-command.handler.js';

/**
 * The saga's side of the inventory: reserve, release and commit, and the handler that runs each
 * command once, with its inbox claim and reply (IdempotentCommands).
 */
@Module({
  imports: [CatalogModule],
  providers: [
    StockRepository,
    ReservationRepository,
    ReserveStockHandler,
    ReleaseStockHandler,
    CommitReservationHandler,
    ExpireHeldReservationsHandler,
    InventoryCommandHandler,
    provideIdempotentCommands<StockTransaction>({ consumerGroup: INVENTORY_CONSUMER_GROUP, transactions: StockTransactions, sqlOf: (tx) => tx.db }),
  ],
  exports: [ReserveStockHandler, ReleaseStockHandler, CommitReservationHandler, ExpireHeldReservationsHandler, InventoryCommandHandler],
})
export class ReservationsModule {}
