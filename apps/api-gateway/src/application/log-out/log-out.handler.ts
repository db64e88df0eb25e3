import { Injectable } from '@nestjs/common';
import { UserAccounts } from '../ports/user-accounts.js';

/** Revokes the access token of the request, until it would have expired. */
@Injectable()
export class LogOutHandler {
  constructor(private readonly users: UserAccounts) {}

  execute(accessToken: string): Promise<void> {
    return this.users.revokeToken(accessToken);
  }
}
