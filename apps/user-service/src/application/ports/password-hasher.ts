/**
 * One-way password hashing. The stored string describes itself (algorithm, parameters, salt, hash),
 * so the parameters can be raised later without invalidating existing accounts.
 */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;

  /** False for a wrong password and for a stored string that is malformed or tampered with; never throws for those. */
  abstract verify(password: string, storedHash: string): Promise<boolean>;

  /** Spends as much as a real verification, for a log-in with an unknown email: the timing must not reveal which accounts exist. */
  abstract verifyAgainstNothing(password: string): Promise<false>;

  /** True when the stored string was made with other parameters than today's: rehash at the next successful log-in. */
  abstract needsRehash(storedHash: string): boolean;
}
