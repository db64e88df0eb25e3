import { Injectable } from '@nestjs/common';
import type { userV1 } from '@shop/contracts';
import { UserAccounts } from '../ports/user-accounts.js';

/** A new account at user-service, which checks and stores it. */
@Injectable()
export class RegisterUserHandler {
  constructor(private readonly users: UserAccounts) {}

  execute(command: { email: string; password: string; name: string }): Promise<userV1.User> {
    return this.users.register(command);
  }
}
