import { z } from 'zod';

// Every id that crosses a service boundary (orders, users, sagas, payments, messages) is a UUID.
export const identifierSchema = z.uuid();
