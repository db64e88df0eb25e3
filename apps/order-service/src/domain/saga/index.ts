export * from './order-saga.js';
export { advanceOrderSaga, startOrderSaga } from './order-saga.machine.js';
export { isSagaReplyType, SAGA_REPLY_DEFINITIONS, type OrderOutcomeEvent, type OutgoingMessage, type SagaCommand, type SagaReply } from './saga-messages.js';
export { FINAL_SAGA_STATES, SAGA_STATES, SAGA_STEP_STATUSES, type SagaState, type SagaStepStatus } from './saga-state.js';
export { compensationRetryDelayMs, type SagaTimings } from './saga-timings.js';
export type { TransitionContext } from './transition-context.js';
