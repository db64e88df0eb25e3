import { z } from 'zod';
import { emailField, nameField, passwordField, userIdField } from '../../domain/user.fields.js';

// The gRPC requests as they must be (proto3 lets anything through, the API does not), read by
// parseRequest of @shop/errors into the use cases' inputs.

export const registerUserRequestSchema = z.object({ email: emailField, password: passwordField, name: nameField });

/** Well above any password registration accepts; it only bounds the cost of hashing what a client sends. */
const MAX_SUBMITTED_PASSWORD_LENGTH = 1024;

/**
 * Looser than registration on purpose: a malformed email or an over-long password cannot belong to
 * an account, so it gets the same INVALID_CREDENTIALS answer as a wrong one; only missing fields are invalid input.
 */
export const logInRequestSchema = z.object({
  email: z.string({ error: 'is required' }).trim().toLowerCase().min(1, 'is required').max(320, 'must be at most 320 characters'),
  password: z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .max(MAX_SUBMITTED_PASSWORD_LENGTH, `must be at most ${MAX_SUBMITTED_PASSWORD_LENGTH} characters`),
});

/** Our tokens are well under 1 KB; the bound keeps a client from making us parse megabytes. */
const MAX_TOKEN_LENGTH = 8192;

export const revokeTokenRequestSchema = z.object({
  accessToken: z.string({ error: 'is required' }).trim().min(1, 'is required').max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`),
});

export const getUserRequestSchema = z.object({ userId: userIdField });
