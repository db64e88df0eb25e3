import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask, SERVICE_CONFIG } from '@shop/bootstrap';
import { ExpireHeldReservationsHandler } from '../../application/expire-held-reservations/expire-held-reservations.handler.js';
import type { Config } from '../../config.js';

/** Expires held reservations every RESERVATION_EXPIRY_INTERVAL_MS; one sweep at a time per process. */
@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiryScheduler.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly expiry: ExpireHeldReservationsHandler,
    @Inject(SERVICE_CONFIG) config: Config,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), config.RESERVATION_EXPIRY_INTERVAL_MS);
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Lets a sweep in progress finish its transaction, then stops. */
  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async sweep(): Promise<void> {
    try {
      await this.expiry.sweepOnce();
    } catch (error) {
      // The database may be briefly away; the reservations are still there for the next sweep.
      this.logger.error({ code: 'INVENTORY.RESERVATION_EXPIRY_FAILED', err: error }, 'reservation expiry sweep failed');
    }
  }
}
