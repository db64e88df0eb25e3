import { Attributes, Counter, Meter, ObservableGauge, ObservableResult } from '@opentelemetry/api';
import type { CircuitStateName } from '../policy/circuit-state.js';

/** How one call through a policy ended; a closed set, so the metric's cardinality stays bounded. */
export type CallOutcome = 'success' | 'failure' | 'timeout' | 'rejected_open' | 'rejected_bulkhead' | 'cancelled';

export const CIRCUIT_STATE_METRIC = 'resilience_circuit_state';
export const CALLS_METRIC = 'resilience_calls_total';

const CIRCUIT_STATE_VALUES: Record<CircuitStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * One dependency's instruments. Every policy asks the meter for the same instrument names; the
 * OpenTelemetry SDK hands back the same metric stream, told apart by the `dependency` attribute.
 * With no SDK registered, `@opentelemetry/api` makes all of this a no-op.
 */
export class ResilienceMetrics {
  private readonly calls: Counter;
  private readonly circuitState: ObservableGauge;
  private readonly attributes: Attributes;
  private readonly observeCircuitState: (result: ObservableResult) => void;

  constructor(meter: Meter, dependency: string, readCircuitState: () => CircuitStateName) {
    this.attributes = { dependency };
    this.calls = meter.createCounter(CALLS_METRIC, {
      description: 'Calls made through a resilience policy, by dependency and outcome',
    });
    this.circuitState = meter.createObservableGauge(CIRCUIT_STATE_METRIC, {
      description: 'Circuit breaker state by dependency: 0 closed, 1 half-open, 2 open',
    });
    this.observeCircuitState = (result) => result.observe(CIRCUIT_STATE_VALUES[readCircuitState()], this.attributes);
    this.circuitState.addCallback(this.observeCircuitState);
  }

  recordCall(outcome: CallOutcome): void {
    this.calls.add(1, { ...this.attributes, outcome });
  }

  /** Stops reporting the gauge (the policy is going away). */
  dispose(): void {
    this.circuitState.removeCallback(this.observeCircuitState);
  }
}
