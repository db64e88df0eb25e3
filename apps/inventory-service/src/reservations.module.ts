import { Module } from '@nestjs/common';
import { provideIdempotentCommands } from '@shop/messaging';
import { CatalogModule } from './catalog.module.js';
import { CommitReservationHandler } from './application/commit-reservation/commit-reservation.handler.js';
import { ExpireHeldReservationsHandler } from './application/expire-held-reservations/expire-held-reservations.handler.js';
import { ReleaseStockHandler } from './application/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './application/reserve-stock/reserve-stock.handler.js';
import { ReservationStore } from './application/ports/reservation.store.js';
import { StockStore } from './application/ports/stock.store.js';
import { StockTransactions, type StockTransaction } from './application/ports/stock-transactions.js';
import { PgReservationStore } from './infrastructure/persistence/pg-reservation.store.js';
import { PgStockStore } from './infrastructure/persistence/pg-stock.store.js';
import { INVENTORY_CONSUMER_GROUP, HandleSagaCommandHandler } from './application/handle-saga-command/handle-saga-command.handler.js';

/**
 * The saga's side of the inventory: reserve, release and commit, and the handler that runs each
 * command once, with its inbox claim and reply (IdempotentCommands).
 */
@Module({
  imports: [CatalogModule],
  providers: [
    ReserveStockHandler,
    ReleaseStockHandler,
    CommitReservationHandler,
    ExpireHeldReservationsHandler,
    HandleSagaCommandHandler,
    { provide: StockStore, useClass: PgStockStore },
    { provide: ReservationStore, useClass: PgReservationStore },
    provideIdempotentCommands<StockTransaction>({ consumerGroup: INVENTORY_CONSUMER_GROUP, transactions: StockTransactions, sqlOf: (tx) => tx.db }),
  ],
  exports: [ReserveStockHandler, ReleaseStockHandler, CommitReservationHandler, ExpireHeldReservationsHandler, HandleSagaCommandHandler],
})
export class ReservationsModule {}
