import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { UserStore } from '../ports/user.store.js';
import { PasswordHasher } from '../ports/password-hasher.js';
import type { RegisterUserCommand } from './register-user.command.js';

@Injectable()
export class RegisterUserHandler {
  constructor(
    private readonly users: UserStore,
    private readonly passwords: PasswordHasher,
  ) {}

  /** Creates the account (and its UserRegistered event); EMAIL_TAKEN when the email has an account. */
  async execute(command: RegisterUserCommand): Promise<User> {
    // Checked first only to spare a deliberately slow hash; the unique index settles concurrent registrations.
    if (await this.users.findByEmail(command.email)) throw UserError.emailTaken();
    const passwordHash = await this.passwords.hash(command.password);
    return this.users.register({ email: command.email, name: command.name, passwordHash });
  }
}
