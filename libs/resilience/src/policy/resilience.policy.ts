import { Logger, LoggerService } from '@nestjs/common';
import { Meter, metrics } from '@opentelemetry/api';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  ExponentialBackoff,
  IDefaultPolicyContext,
  IDisposable,
  RetryPolicy,
  TaskCancelledError,
  TimeoutPolicy,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  noJitterGenerator,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { DependencyTimeoutError } from '../failures/dependency-timeout.error.js';
import { TransientFailureClassifier, isTransientFailure } from '../failures/transient-failure.js';
import { ResiliencePolicyInput, ResiliencePolicyOptions, parseResiliencePolicyOptions } from '../options/resilience-policy.options.js';
import { CallOutcome, ResilienceMetrics } from '../telemetry/resilience.metrics.js';
import { CallOptions, isRetryable } from './call-options.js';
import { CircuitStateName, circuitStateName } from './circuit-state.js';
import { ConsecutiveFailuresBreaker } from './consecutive-failures.breaker.js';
import { SingleProbeCircuitBreaker } from './single-probe.circuit-breaker.js';

/** What a policy needs from its surroundings; each has a sensible default. */
export interface ResiliencePolicyCollaborators {
  logger?: Pick<LoggerService, 'log' | 'warn'>;
  /** Defaults to `metrics.getMeter('@shop/resilience')`, read when the policy is created. */
  meter?: Meter;
  isTransientFailure?: TransientFailureClassifier;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: unknown;
}

interface Pipeline {
  execute<T>(fn: (context: IDefaultPolicyContext) => PromiseLike<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * Everything that stands between the code and one dependency. From the outside in:
 *
 * 1. deadline: one budget for the whole call, retries and backoff included, so retrying can
 *    never make a caller wait longer than the deadline.
 * 2. retry (idempotent calls only, transient failures only, full jitter): outside the breaker so
 *    that every attempt is counted by it, and so that its refusals (BrokenCircuitError) and the
 *    bulkhead's (BulkheadRejectedError) reach the retry as errors it does not retry: they are
 *    our own decisions to shed load, and retrying them would add the load back.
 * 3. circuit breaker: outside the bulkhead so that an open circuit fails fast without taking a
 *    queue slot; counts transient failures only.
 * 4. bulkhead: bounded concurrency and queue; a full queue rejects at once.
 * 5. attempt timeout: innermost, so the time spent queued in the bulkhead is not charged to the
 *    dependency; only its own slowness counts against the breaker.
 *
 * Both timeouts abort the AbortSignal handed to `fn`, so a timed-out call is really cancelled.
 */
export class ResiliencePolicy {
  readonly options: ResiliencePolicyOptions;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;
  private readonly attemptTimeouts: Record<CallOptions['operation'], TimeoutPolicy>;
  private readonly retryingPipeline: Pipeline;
  private readonly singleAttemptPipeline: Pipeline;
  private readonly metrics: ResilienceMetrics;

  constructor(input: ResiliencePolicyInput, collaborators: ResiliencePolicyCollaborators = {}) {
    const options = parseResiliencePolicyOptions(input);
    this.options = options;
    const isTransient = collaborators.isTransientFailure ?? isTransientFailure;

    // Aggressive timeouts answer the caller on time even when `fn` ignores its AbortSignal.
    const deadline = timeout(options.deadlineMs, TimeoutStrategy.Aggressive);
    this.attemptTimeouts = {
      read: timeout(options.attemptTimeout.readMs, TimeoutStrategy.Aggressive),
      write: timeout(options.attemptTimeout.writeMs, TimeoutStrategy.Aggressive),
    };
    this.retry = retry(handleWhen(isTransient), {
      maxAttempts: options.retry.maxAttempts - 1,
      backoff: new ExponentialBackoff({
        initialDelay: options.retry.initialDelayMs,
        maxDelay: options.retry.maxDelayMs,
        generator: fullJitterGenerator,
      }),
      // A backoff sleep outliving the deadline must not hold a draining process open; when it ends
      // the bulkhead refuses to start an attempt whose deadline is gone.
    }).dangerouslyUnref();
    const counting = new ConsecutiveFailuresBreaker(options.circuitBreaker.failureThreshold, options.circuitBreaker.successesToClose);
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: new ExponentialBackoff({
        initialDelay: options.circuitBreaker.openDurationMs,
        maxDelay: options.circuitBreaker.maxOpenDurationMs,
        generator: noJitterGenerator,
      }),
      breaker: counting,
    });
    const probeLimitedBreaker = new SingleProbeCircuitBreaker(this.breaker, counting);
    const bulkheadPolicy = bulkhead(options.bulkhead.maxConcurrent, options.bulkhead.maxQueued);
    this.retryingPipeline = wrap(deadline, this.retry, probeLimitedBreaker, bulkheadPolicy);
    this.singleAttemptPipeline = wrap(deadline, probeLimitedBreaker, bulkheadPolicy);

    this.metrics = new ResilienceMetrics(collaborators.meter ?? metrics.getMeter('@shop/resilience'), options.name, () => this.state);
    this.logStateChanges(collaborators.logger ?? new Logger('Resilience'));
  }

  get name(): string {
    return this.options.name;
  }

  /** The breaker's state. cockatiel turns "open" into "half-open" lazily, when the first call after the cool-down arrives. */
  get state(): CircuitStateName {
    return circuitStateName(this.breaker.state);
  }

  /**
   * Runs `fn` under the policy. `fn` must hand `signal` to the underlying call (grpc-js
   * `call.cancel()`, fetch's `signal`), so that a timed-out attempt stops using the dependency.
   */
  async execute<T>(fn: (signal: AbortSignal) => Promise<T>, call: CallOptions): Promise<T> {
    try {
      if (call.signal?.aborted) throw new TaskCancelledError();
      const pipeline = isRetryable(call) ? this.retryingPipeline : this.singleAttemptPipeline;
      const value = await pipeline.execute(({ signal }) => this.attempt(fn, signal, call), call.signal);
      this.metrics.recordCall('success');
      return value;
    } catch (error) {
      const failure = this.explainFailure(error, call);
      this.metrics.recordCall(outcomeOf(failure));
      throw failure;
    }
  }

  /** Called before each retry's backoff; for logging or metrics. */
  onRetry(listener: (event: RetryEvent) => void): IDisposable {
    return this.retry.onRetry((event) => listener({ attempt: event.attempt, delayMs: event.delay, error: 'error' in event ? event.error : event.value }));
  }

  /** Stops reporting this policy's gauge. */
  dispose(): void {
    this.metrics.dispose();
  }

  private async attempt<T>(fn: (signal: AbortSignal) => Promise<T>, callSignal: AbortSignal, call: CallOptions): Promise<T> {
    try {
      return await this.attemptTimeouts[call.operation].execute(async ({ signal }) => {
        try {
          return await fn(signal);
        } catch (error) {
          // A client that honours the signal may reject (AbortError, gRPC CANCELLED) before
          // cockatiel's own timeout error wins the race; either way the attempt was cut short.
          throw signal.aborted ? new TaskCancelledError() : error;
        }
      }, callSignal);
    } catch (error) {
      if (!(error instanceof TaskCancelledError) || call.signal?.aborted) throw error;
      // Cut short by this attempt's timeout or by the call's deadline: either way the dependency
      // did not answer in time, and this error (unlike a bare cancellation) counts against it.
      throw callSignal.aborted
        ? new DependencyTimeoutError(this.name, 'deadline', this.options.deadlineMs)
        : new DependencyTimeoutError(this.name, 'attempt', this.attemptBudgetMs(call));
    }
  }

  /** cockatiel reports both "deadline reached" and "caller cancelled" as a bare TaskCancelledError. */
  private explainFailure(error: unknown, call: CallOptions): unknown {
    if (!(error instanceof TaskCancelledError) || error instanceof DependencyTimeoutError) return error;
    if (call.signal?.aborted) return new TaskCancelledError(`${this.name}: call cancelled by the caller`);
    return new DependencyTimeoutError(this.name, 'deadline', this.options.deadlineMs);
  }

  private attemptBudgetMs(call: CallOptions): number {
    return call.operation === 'read' ? this.options.attemptTimeout.readMs : this.options.attemptTimeout.writeMs;
  }

  private logStateChanges(logger: Pick<LoggerService, 'log' | 'warn'>): void {
    this.breaker.onStateChange((state) => {
      const stateName = circuitStateName(state);
      const line = `Circuit breaker for ${this.name} is now ${stateName}`;
      if (stateName === 'open') logger.warn(line);
      else logger.log(line);
    });
  }
}

function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof DependencyTimeoutError) return 'timeout';
  if (error instanceof BrokenCircuitError) return 'rejected_open';
  if (error instanceof BulkheadRejectedError) return 'rejected_bulkhead';
  if (error instanceof TaskCancelledError) return 'cancelled';
  return 'failure';
}
