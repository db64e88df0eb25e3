import { Injectable } from '@nestjs/common';

/**
 * Set as soon as the process is asked to stop, before anything is closed, so `/health/ready`
 * answers 503 while in-flight work drains and a load balancer stops sending new requests.
 */
@Injectable()
export class ShutdownSignal {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  begin(): void {
    this.draining = true;
  }
}
