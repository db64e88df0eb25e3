export { BrokenCircuitError, BulkheadRejectedError, TaskCancelledError } from 'cockatiel';
export { DependencyTimeoutError, TimeoutScope } from './failures/dependency-timeout.error';
export { GrpcStatus } from './failures/grpc-status';
export { TransientFailureClassifier, isTransientFailure } from './failures/transient-failure';
export {
  ResiliencePolicyInput,
  ResiliencePolicyOptions,
  parseResiliencePolicyOptions,
  resiliencePolicyOptionsSchema,
} from './options/resilience-policy.options';
export { CallKind, CallOptions } from './policy/call-options';
export { CircuitStateName } from './policy/circuit-state';
export { ResiliencePolicy, ResiliencePolicyCollaborators, RetryEvent } from './policy/resilience.policy';
export { CALLS_METRIC, CIRCUIT_STATE_METRIC, CallOutcome } from './telemetry/resilience.metrics';
export { ResiliencePolicies } from './nest/resilience-policies';
export { ResilienceModule, ResilienceModuleAsyncOptions, ResilienceModuleOptions } from './nest/resilience.module';
export { Resilient } from './nest/resilient.decorator';
export { callGrpc } from './grpc/grpc-call';
