import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { fieldError } from '../validation/validation-messages';

// The same limits as user-service, which checks again: the gateway refuses early, never differently.
export const registerRequestSchema = z.object({
  email: z
    .string(fieldError('must be a valid email address'))
    .trim()
    .pipe(z.email('must be a valid email address').max(320, 'must be at most 320 characters')),
  // Hashing cost grows with the input: an upper bound keeps a request from becoming a CPU burner.
  password: z.string(fieldError('must be a string')).min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters'),
  name: z.string(fieldError('must be a string')).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

export class RegisterRequestDto extends createZodDto(registerRequestSchema) {}

export const registeredUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });

export class RegisteredUserDto extends createZodDto(registeredUserSchema) {}

/**
 * Only the shape is checked here: a malformed email or an overlong password cannot belong to an
 * account, so user-service answers it like a wrong password (401), and so does the gateway.
 */
export const loginRequestSchema = z.object({
  email: z.string(fieldError('must be a string')).min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  password: z.string(fieldError('must be a string')).min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});

export class LoginRequestDto extends createZodDto(loginRequestSchema) {}

export const accessTokenSchema = z.object({
  accessToken: z.string().describe('An RS256 JWT; send it as `Authorization: Bearer <accessToken>`'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the token expires'),
});

export class AccessTokenDto extends createZodDto(accessTokenSchema) {}
