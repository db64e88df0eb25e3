import type { NewUser, User } from '../../domain/user.js';

/** Where users are kept. An abstract class rather than an interface so that it can be the injection token. */
export abstract class UserStore {
  /**
   * Stores a new account and, in the same transaction, the UserRegistered event announcing it.
   * Throws UserError EMAIL_TAKEN when another account has the email.
   */
  abstract register(user: NewUser): Promise<User>;

  abstract findById(id: string): Promise<User | undefined>;

  /** `email` must already be normalized (see emailField). */
  abstract findByEmail(email: string): Promise<User | undefined>;

  abstract replacePasswordHash(id: string, passwordHash: string): Promise<void>;
}
