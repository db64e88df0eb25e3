import { z } from 'zod';

/**
 * In-process retries of a failing handler, bounded so a poison message holds its partition for
 * seconds at most before it is dead-lettered. Defaults from the domain notes: 3 attempts in all,
 * exponential from 1 s (×2, capped at 10 s), half jitter (each wait between half and all of its delay).
 */
export const retryOptionsSchema = z
  .object({
    maxAttempts: z.int().min(1).max(20).default(3),
    initialDelayMs: z.int().min(0).default(1000),
    maxDelayMs: z.int().min(0).default(10_000),
  })
  .strict()
  .refine((options) => options.maxDelayMs >= options.initialDelayMs, 'maxDelayMs must be at least initialDelayMs');

export type RetryOptions = z.output<typeof retryOptionsSchema>;
export type RetryOptionsInput = z.input<typeof retryOptionsSchema>;
