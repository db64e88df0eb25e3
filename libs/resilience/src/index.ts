export { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
export { DependencyTimeoutError, TimeoutScope } from './failures/dependency-timeout.error.js';
export { GrpcStatus } from './failures/grpc-status.js';
export { TransientFailureClassifier, isTransientFailure } from './failures/transient-failure.js';
export {
  ResiliencePolicyInput,
  ResiliencePolicyOptions,
  parseResiliencePolicyOptions,
  resiliencePolicyOptionsSchema,
} from './options/resilience-policy.options.js';
export { CallKind, CallOptions } from './policy/call-options.js';
export { CircuitStateName } from './policy/circuit-state.js';
export { ResiliencePolicy, ResiliencePolicyCollaborators, RetryEvent } from './policy/resilience.policy.js';
export { CALLS_METRIC, CIRCUIT_STATE_METRIC, CallOutcome } from './telemetry/resilience.metrics.js';
export { ResiliencePolicies } from './nest/resilience-policies.js';
export { ResilienceModule, ResilienceModuleAsyncOptions, ResilienceModuleOptions } from './nest/resilience.module.js';
export { Resilient } from './nest/resilient.decorator.js';
export { callGrpc } from './grpc/grpc-call.js';
