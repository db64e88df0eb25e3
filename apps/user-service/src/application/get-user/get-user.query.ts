import { z } from 'zod';
import { userIdField } from '../../domain/user.fields.js';

export const getUserQuery = z.object({ userId: userIdField });

export type GetUserQuery = z.infer<typeof getUserQuery>;
