import { Injectable } from '@nestjs/common';
import type { userV1 } from '@shop/contracts';
import { UserAccounts } from '../ports/user-accounts.js';

/** An access token for an email and a password, from user-service. */
@Injectable()
export class LogInHandler {
  constructor(private readonly users: UserAccounts) {}

  execute(command: { email: string; password: string }): Promise<userV1.LoginResponse> {
    return this.users.login(command);
  }
}
