import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog.module';
import { CommitReservationHandler } from './application/commit-reservation/commit-reservation.handler';
import { ReleaseStockHandler } from './application/release-stock/release-stock.handler';
import { ReserveStockHandler } from './application/reserve-stock/reserve-stock.handler';
import { ReservationRepository } from './infrastructure/reservation.repository';
import { StockRepository } from './infrastructure/stock.repository';
import { InventoryCommandHandler } from './interface/messaging/inventory-command.handler';

/**
 * The saga's side of the inventory: reserve, release and commit, and the handler that runs each
 * command with its inbox claim and reply. Needs Inbox and OutboxWriter (MessagingModule, global).
 */
@Module({
  imports: [CatalogModule],
  providers: [StockRepository, ReservationRepository, ReserveStockHandler, ReleaseStockHandler, CommitReservationHandler, InventoryCommandHandler],
  exports: [ReserveStockHandler, ReleaseStockHandler, CommitReservationHandler, InventoryCommandHandler],
})
export class ReservationsModule {}
