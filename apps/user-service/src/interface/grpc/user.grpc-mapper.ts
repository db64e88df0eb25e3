import type { userV1 } from '@shop/contracts';
import type { User } from '../../domain/user.js';

/** The public view of an account: never the password hash. */
export function toGrpcUser(user: User): userV1.User {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}
