import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@shop/bootstrap';
import { ExpireHeldReservationsHandler } from '../../application/expire-held-reservations/expire-held-reservations.handler.js';
import type { Config } from '../../config.js';

/** Expires held reservations every RESERVATION_EXPIRY_INTERVAL_MS; one sweep at a time per process. */
@Injectable()
export class ReservationExpiryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiryScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly expiry: ExpireHeldReservationsHandler,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Lets a sweep in progress finish its transaction, then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().finally(() => this.schedule());
    }, this.config.RESERVATION_EXPIRY_INTERVAL_MS);
  }

  private async sweep(): Promise<void> {
    try {
      await this.expiry.expireOnce();
    } catch (error) {
      // The database may be briefly away; the reservations are still there for the next sweep.
      this.logger.error({ code: 'INVENTORY.RESERVATION_EXPIRY_FAILED', err: error }, 'reservation expiry sweep failed');
    }
  }
}
