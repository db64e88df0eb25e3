import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
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

  constructor(private readonly breaker: CircuitBreakerPolicy) {
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
    return this.breaker.execute(fn, signal);
  }
}
