/** Where an order's saga stands. Mirrors the `saga_state` enum of the database. */
export const SAGA_STATES = [
  'RESERVING_STOCK',
  'AUTHORIZING_PAYMENT',
  'CONFIRMING',
  'COMPENSATING',
  'CONFIRMED',
  'REJECTED',
  'CANCELLED',
  'FAILED_COMPENSATION',
] as const;
export type SagaState = (typeof SAGA_STATES)[number];

/** States nothing can leave. FAILED_COMPENSATION is not one: late acknowledgements still finish it. */
export const FINAL_SAGA_STATES: ReadonlySet<SagaState> = new Set<SagaState>(['CONFIRMED', 'REJECTED', 'CANCELLED']);

export const SAGA_STEP_STATUSES = ['STARTED', 'SUCCEEDED', 'FAILED', 'COMPENSATED'] as const;
export type SagaStepStatus = (typeof SAGA_STEP_STATUSES)[number];
