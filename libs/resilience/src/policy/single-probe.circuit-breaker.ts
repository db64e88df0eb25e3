import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  IBreaker,
  IDefaultPolicyContext,
  IPolicy,
  TaskCancelledError,
} from 'cockatiel';

/**
 * Half-open lets exactly one probe through. cockatiel makes the first call after the cool-down
 * the probe, but parks every call that arrives while it runs and then releases them all at once
 * (onto a dependency that may still be down). Refusing them instead keeps half-open to one call in
 * flight. The check and cockatiel's switch to half-open happen in the same synchronous turn of
 * the event loop, so two callers cannot both become the probe.
 */
export class SingleProbeCircuitBreaker implements IPolicy {
  declare readonly _altReturn: never;
  readonly onSuccess: IPolicy['onSuccess'];
  readonly onFailure: IPolicy['onFailure'];

  constructor(
    private readonly breaker: CircuitBreakerPolicy,
    private readonly counting: IBreaker,
  ) {
    this.onSuccess = breaker.onSuccess;
    this.onFailure = breaker.onFailure;
  }

  async execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    // A retry that wakes from its backoff after the deadline must not become the probe: cockatiel
    // would close the circuit on its cancellation without the dependency having answered.
    if (signal?.aborted) throw new TaskCancelledError();
    if (this.breaker.state === CircuitState.HalfOpen) {
      throw new BrokenCircuitError('Execution prevented because the circuit breaker is half-open and its probe is in flight');
    }
    if (this.breaker.state !== CircuitState.Open) return this.breaker.execute(fn, signal);
    // This call may become the half-open probe. cockatiel closes the circuit when a probe ends in
    // an error it does not count (a business error, a cancellation) and, since version 4, reports
    // that to the breaker as a success: the dependency has not proven itself, so the breaker's
    // probation is put back as it was.
    const countersBefore = this.counting.state;
    try {
      return await this.breaker.execute(fn, signal);
    } catch (error) {
      const wasTheProbe = !(error instanceof BrokenCircuitError);
      if (wasTheProbe && this.isClosed()) this.counting.state = countersBefore;
      throw error;
    }
  }

  // A method, not an inline check: TypeScript would keep the state narrowed to Open across the await.
  private isClosed(): boolean {
    return this.breaker.state === CircuitState.Closed;
  }
}
