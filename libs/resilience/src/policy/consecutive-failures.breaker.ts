import { CircuitState, IBreaker } from 'cockatiel';

interface BreakerCounters {
  consecutiveFailures: number;
  successesStillNeeded: number;
}

/**
 * cockatiel's ConsecutiveBreaker plus a probation: cockatiel closes the circuit on the first
 * successful half-open probe (cockatiel issue #73 asks for a success threshold), and it also
 * closes it when the probe ends in an error that is not counted (a business error, a caller's
 * cancellation), which SingleProbeCircuitBreaker does not let count as a success. Until
 * `successesToClose` successes have been seen since the circuit last opened, one transient
 * failure re-opens it at once.
 */
export class ConsecutiveFailuresBreaker implements IBreaker {
  private counters: BreakerCounters = { consecutiveFailures: 0, successesStillNeeded: 0 };

  constructor(
    private readonly failureThreshold: number,
    private readonly successesToClose: number,
  ) {}

  /** Read and written by cockatiel's toJSON()/initialState only. */
  get state(): unknown {
    return { ...this.counters };
  }

  set state(value: unknown) {
    this.counters = { ...(value as BreakerCounters) };
  }

  success(): void {
    this.counters.consecutiveFailures = 0;
    this.counters.successesStillNeeded = Math.max(0, this.counters.successesStillNeeded - 1);
  }

  failure(state: CircuitState): boolean {
    const onProbation = state === CircuitState.HalfOpen || this.counters.successesStillNeeded > 0;
    this.counters.consecutiveFailures += 1;
    if (!onProbation && this.counters.consecutiveFailures < this.failureThreshold) return false;
    this.counters = { consecutiveFailures: 0, successesStillNeeded: this.successesToClose };
    return true;
  }
}
