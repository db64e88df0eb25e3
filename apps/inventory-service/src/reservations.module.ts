import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog.module.js';
import { CommitReservationHandler } from './application/commit-reservation/commit-reservation.handler.js';
import { ExpireHeldReservationsHandler } from './application/expire-held-reservations/expire-held-reservations.handler.js';
import { ReleaseStockHandler } from './application/release-stock/release-stock.handler.js';
import { ReserveStockHandler } from './application/reserve-stock/reserve-stock.handler.js';
import { ReservationRepository } from './infrastructure/reservation.repository.js';
import { StockRepository } from './infrastructure/stock.repository.js';
import { InventoryCommandHandler } from './interface/messaging/inventory-command.handler.js';

/**
 * The saga's side of the inventory: reserve, release and commit, and the handler that runs each
 * command with its inbox claim and reply. Needs Inbox and OutboxWriter (MessagingModule, global).
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
  ],
  exports: [ReserveStockHandler, ReleaseStockHandler, CommitReservationHandler, ExpireHeldReservationsHandler, InventoryCommandHandler],
})
export class ReservationsModule {}
