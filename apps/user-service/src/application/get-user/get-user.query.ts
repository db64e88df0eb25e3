import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { UserStore } from '../ports/user.store.js';

@Injectable()
export class GetUserQuery {
  constructor(private readonly users: UserStore) {}

  async execute(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw UserError.notFound(userId);
    return user;
  }
}
