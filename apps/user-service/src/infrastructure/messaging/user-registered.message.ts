import { createMessage, type MessageOf, UserRegisteredEvent } from '@shop/contracts';
import type { User } from '../../domain/user.js';

/** The announcement of a new account: keyed and correlated by the user id. */
export function userRegisteredMessage(user: User): MessageOf<typeof UserRegisteredEvent> {
  return createMessage(UserRegisteredEvent, { userId: user.id, email: user.email, name: user.name }, { correlationId: user.id, occurredAt: user.createdAt });
}
