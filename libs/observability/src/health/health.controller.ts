import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_PROBES, ReadinessProbe } from './readiness-probe.js';
import { ShutdownSignal } from './shutdown-signal.js';

/** A dependency that does not answer within this time counts as down: readiness must answer fast. */
const PROBE_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownSignal,
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
  ) {}

  /** The process is up and its event loop turns; says nothing about dependencies. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Every dependency answers and the process is not draining. */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.shutdown.isDraining) {
      throw new ServiceUnavailableException({ status: 'error', info: {}, error: { process: { status: 'down', message: 'shutting down' } } });
    }
    return this.health.check(this.probes.map((probe) => () => this.check(probe)));
  }

  private async check(probe: ReadinessProbe): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(probe.dependency);
    try {
      await withTimeout(probe.ping(), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
