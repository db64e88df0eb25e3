import { z } from 'zod';
import { identifierSchema } from '../fields/identifier.fields';
import { defineMessage } from '../message-definition';
import { Topics } from '../topics';

/** Published by the user service once an account exists; keyed and correlated by the user id. */
export const UserRegisteredEvent = defineMessage({
  type: 'user.UserRegistered',
  version: 1,
  topic: Topics.userEvents,
  payloadSchema: z.object({
    userId: identifierSchema,
    email: z.email(),
    name: z.string().min(1),
  }),
  keyOf: (payload) => payload.userId,
});
