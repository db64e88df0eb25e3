// Shared by the specs only (not exported from the package): small timings so the tests assert
// behaviour in tens of milliseconds, and loggers that record instead of print.
import { GrpcStatus } from '../failures/grpc-status.js';
import { ResiliencePolicyInput } from '../options/resilience-policy.options.js';
import { ResiliencePolicy, ResiliencePolicyCollaborators } from '../policy/resilience.policy.js';

export type PolicyOverrides = Partial<Omit<ResiliencePolicyInput, 'name'>>;

export function grpcError(code: GrpcStatus): Error & { code: number } {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}`), { code, details: GrpcStatus[code] });
}

/** A domain error as the services define them: a stable string code. */
export function domainError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}

export class RecordingLogger {
  readonly lines: Array<{ level: 'log' | 'warn'; message: string }> = [];
  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
}

/** Retries, breaker and timeouts shrunk to milliseconds; anything can be overridden. */
export function fastPolicy(overrides: PolicyOverrides = {}, collaborators: ResiliencePolicyCollaborators = {}): ResiliencePolicy {
  return new ResiliencePolicy(
    {
      name: 'test-dependency',
      deadlineMs: 2_000,
      attemptTimeout: { readMs: 1_000, writeMs: 1_000 },
      retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
      circuitBreaker: { failureThreshold: 3, openDurationMs: 50, maxOpenDurationMs: 100 },
      ...overrides,
    },
    { logger: new RecordingLogger(), ...collaborators },
  );
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** Promise.withResolvers arrived in Node.js 22; this project runs on 20. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/** Counts calls; each call gets the next scripted behaviour (the last one repeats). */
export function scriptedDependency<T>(...script: Array<(signal: AbortSignal) => Promise<T>>) {
  const calls: AbortSignal[] = [];
  const fn = (signal: AbortSignal): Promise<T> => {
    calls.push(signal);
    const step = script[Math.min(calls.length, script.length) - 1];
    if (!step) throw new Error('scriptedDependency needs at least one step');
    return step(signal);
  };
  return { fn, calls };
}

/** Never answers; rejects when its signal aborts, as a well-behaved client does. */
export function hangingUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true });
  });
}
