import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { fieldError } from '../validation/validation-messages.js';

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
 * The contract answers every failed log-in with 401, a malformed body included: whatever is not a
 * string of sane length becomes '' here, which cannot belong to an account, and user-service then
 * answers it like a wrong password. No answer tells which part was wrong.
 */
const credential = z.string().max(1024).catch('');
export const loginRequestSchema = z.object({ email: credential, password: credential }).catch({ email: '', password: '' });

export class LoginRequestDto extends createZodDto(loginRequestSchema) {}

export const accessTokenSchema = z.object({
  accessToken: z.string().describe('An RS256 JWT; send it as `Authorization: Bearer <accessToken>`'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the token expires'),
});

export class AccessTokenDto extends createZodDto(accessTokenSchema) {}
