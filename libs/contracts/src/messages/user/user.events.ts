import { z } from 'zod';
import { identifierSchema } from '../fields/identifier.fields.js';
import { defineMessage } from '../message-definition.js';
import { Topics } from '../topics.js';

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
