import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/user.js';
import { UserError } from '../../domain/user.errors.js';
import { UserRepository } from '../../domain/user.repository.js';
import type { GetUserQuery } from './get-user.query.js';

@Injectable()
export class GetUserService {
  constructor(private readonly users: UserRepository) {}

  async execute(query: GetUserQuery): Promise<User> {
    const user = await this.users.findById(query.userId);
    if (!user) throw UserError.notFound(query.userId);
    return user;
  }
}
