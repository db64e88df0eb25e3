import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { UserStore } from '../ports/user.store.js';
import { AccessTokens, type IssuedAccessToken } from '../ports/access-tokens.js';
import { PasswordHasher } from '../ports/password-hasher.js';
import type { LogInCommand } from './log-in.command.js';

@Injectable()
export class LogInHandler {
  constructor(
    private readonly users: UserStore,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  /** An access token for the account; INVALID_CREDENTIALS, the same for an unknown email and a wrong password. */
  async execute(command: LogInCommand): Promise<IssuedAccessToken> {
    const user = await this.users.findByEmail(command.email);
    if (!user) {
      await this.passwords.verifyAgainstNothing(command.password);
      throw UserError.invalidCredentials();
    }
    if (!(await this.passwords.verify(command.password, user.passwordHash))) throw UserError.invalidCredentials();
    await this.upgradeOutdatedHash(user, command.password);
    return this.tokens.issue(user);
  }

  /** The only moment the password is known again: the moment to move an old hash to today's parameters. */
  private async upgradeOutdatedHash(user: User, password: string): Promise<void> {
    if (!this.passwords.needsRehash(user.passwordHash)) return;
    await this.users.replacePasswordHash(user.id, await this.passwords.hash(password));
  }
}
