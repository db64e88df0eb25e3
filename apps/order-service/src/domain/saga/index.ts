export * from './order-saga';
export { advanceOrderSaga, startOrderSaga } from './order-saga.machine';
export { isSagaReplyType, SAGA_REPLY_DEFINITIONS, type OrderOutcomeEvent, type OutgoingMessage, type SagaCommand, type SagaReply } from './saga-messages';
export { FINAL_SAGA_STATES, SAGA_STATES, SAGA_STEP_STATUSES, type SagaState, type SagaStepStatus } from './saga-state';
export { compensationRetryDelayMs, type SagaTimings } from './saga-timings';
export type { TransitionContext } from './transition-context';
