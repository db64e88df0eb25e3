import { z } from 'zod';

/** Well above any password registration accepts; it only bounds the cost of hashing what a client sends. */
const MAX_SUBMITTED_PASSWORD_LENGTH = 1024;

/**
 * Looser than registration on purpose: a malformed email or an over-long password cannot belong to
 * an account, so it gets the same INVALID_CREDENTIALS answer as a wrong one; only missing fields are invalid input.
 */
export const logInCommand = z.object({
  email: z.string({ error: 'is required' }).trim().toLowerCase().min(1, 'is required').max(320, 'must be at most 320 characters'),
  password: z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .max(MAX_SUBMITTED_PASSWORD_LENGTH, `must be at most ${MAX_SUBMITTED_PASSWORD_LENGTH} characters`),
});

export type LogInCommand = z.infer<typeof logInCommand>;
