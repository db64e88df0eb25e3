import { z } from 'zod';

// The rules for an account's fields, in one place for every use case that takes them.

/** RFC 5321's limit for a whole address, and the width of the email column. */
const MAX_EMAIL_LENGTH = 320;
/** NIST SP 800-63B: at least 8; a maximum well above any passphrase bounds the cost of hashing it. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
const MAX_NAME_LENGTH = 200;

/** Normalized before it is checked, stored or looked up: ` Ada@Example.COM ` and `ada@example.com` are one account. */
export const emailField = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }).max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`));

/** Kept exactly as typed: spaces are part of a password. */
export const passwordField = z
  .string({ error: 'is required' })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const nameField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

export const userIdField = z.uuid({ error: 'must be a UUID' });
