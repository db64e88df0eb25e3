/** An account. `email` is stored normalized (trimmed, lower-cased): it is the log-in name and unique. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** Self-describing (algorithm, parameters, salt, hash): see PasswordHasher. Never leaves the service. */
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** What registration stores; the repository assigns the id and the creation time. */
export type NewUser = Pick<User, 'email' | 'name' | 'passwordHash'>;
