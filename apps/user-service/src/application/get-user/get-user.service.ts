import { Injectable } from '@nestjs/common';
import type { User } from '../../domain/user';
import { UserError } from '../../domain/user.errors';
import { UserRepository } from '../../domain/user.repository';
import type { GetUserQuery } from './get-user.query';

@Injectable()
export class GetUserService {
  constructor(private readonly users: UserRepository) {}

  async execute(query: GetUserQuery): Promise<User> {
    const user = await this.users.findById(query.userId);
    if (!user) throw UserError.notFound(query.userId);
    return user;
  }
}
