import { z } from 'zod';

/** Our tokens are well under 1 KB; the bound keeps a client from making us parse megabytes. */
const MAX_TOKEN_LENGTH = 8192;

export const revokeTokenCommand = z.object({
  accessToken: z.string({ error: 'is required' }).trim().min(1, 'is required').max(MAX_TOKEN_LENGTH, `must be at most ${MAX_TOKEN_LENGTH} characters`),
});

export type RevokeTokenCommand = z.infer<typeof revokeTokenCommand>;
