import { CircuitState } from 'cockatiel';

export type CircuitStateName = 'closed' | 'half-open' | 'open';

/** cockatiel's manual "isolated" state is an open circuit as far as callers are concerned. */
export function circuitStateName(state: CircuitState): CircuitStateName {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}
