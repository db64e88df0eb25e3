import { z } from 'zod';

// Defaults come from the domain notes: reads 3 s and writes 5 s per attempt, a 5 s gRPC deadline,
// 3 attempts backing off from 1 s (x2, capped at 10 s), a breaker opening after 5 consecutive
// transient failures and staying open 30 s, then 60 s when the probe fails too.
const milliseconds = z.number().int().positive();

const DEFAULT_READ_TIMEOUT_MS = 3_000;
const DEFAULT_WRITE_TIMEOUT_MS = 5_000;

// No defaults here: an unset attempt timeout defaults to min(default, deadline) further down, so
// shortening the deadline alone is valid, while an explicit timeout beyond the deadline is refused.
const attemptTimeoutSchema = z.strictObject({
  readMs: milliseconds.optional(),
  writeMs: milliseconds.optional(),
});

const retrySchema = z
  .strictObject({
    /** Attempts in all, the first one included (cockatiel's `maxAttempts` counts only retries). */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    initialDelayMs: milliseconds.default(1_000),
    maxDelayMs: milliseconds.default(10_000),
  })
  .refine((retry) => retry.maxDelayMs >= retry.initialDelayMs, {
    message: 'must be at least retry.initialDelayMs',
    path: ['maxDelayMs'],
  });

const circuitBreakerSchema = z
  .strictObject({
    /** Consecutive transient failures that open the circuit. */
    failureThreshold: z.number().int().min(1).default(5),
    /** How long the circuit stays open before letting one probe through. */
    openDurationMs: milliseconds.default(30_000),
    /** Each failed probe doubles the open duration, up to this. */
    maxOpenDurationMs: milliseconds.default(60_000),
    /**
     * Successes needed after re-closing before the breaker forgets it was open: until then, one
     * transient failure re-opens it. 1 means the successful probe alone is enough.
     */
    successesToClose: z.number().int().min(1).max(10).default(1),
  })
  .refine((breaker) => breaker.maxOpenDurationMs >= breaker.openDurationMs, {
    message: 'must be at least circuitBreaker.openDurationMs',
    path: ['maxOpenDurationMs'],
  });

const bulkheadSchema = z.strictObject({
  maxConcurrent: z.number().int().min(1).default(20),
  /** Calls waiting for a slot; beyond this they are rejected at once. */
  maxQueued: z.number().int().min(0).default(20),
});

export const resiliencePolicyOptionsSchema = z
  .strictObject({
    /** The dependency, e.g. 'inventory-grpc'; used in logs and as the `dependency` metric attribute. */
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'),
    /** Budget of the whole call, every attempt and backoff included. */
    deadlineMs: milliseconds.default(5_000),
    attemptTimeout: attemptTimeoutSchema.prefault({}),
    retry: retrySchema.prefault({}),
    circuitBreaker: circuitBreakerSchema.prefault({}),
    bulkhead: bulkheadSchema.prefault({}),
  })
  .refine((options) => Math.max(options.attemptTimeout.readMs ?? 0, options.attemptTimeout.writeMs ?? 0) <= options.deadlineMs, {
    message: 'must not exceed deadlineMs',
    path: ['attemptTimeout'],
  })
  .transform((options) => ({
    ...options,
    attemptTimeout: {
      readMs: options.attemptTimeout.readMs ?? Math.min(DEFAULT_READ_TIMEOUT_MS, options.deadlineMs),
      writeMs: options.attemptTimeout.writeMs ?? Math.min(DEFAULT_WRITE_TIMEOUT_MS, options.deadlineMs),
    },
  }));

/** What callers write: everything but `name` has a default. */
export type ResiliencePolicyInput = z.input<typeof resiliencePolicyOptionsSchema>;
export type ResiliencePolicyOptions = z.output<typeof resiliencePolicyOptionsSchema>;

/** Parses and completes options, failing with one line that names the dependency and each problem. */
export function parseResiliencePolicyOptions(input: ResiliencePolicyInput): ResiliencePolicyOptions {
  const result = resiliencePolicyOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(options)'} ${issue.message}`);
  throw new Error(`Invalid resilience options for "${String(input?.name)}": ${problems.join('; ')}`);
}
