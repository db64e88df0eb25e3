import { z } from 'zod';
import { userIdField } from '../../domain/user.fields';

export const getUserQuery = z.object({ userId: userIdField });

export type GetUserQuery = z.infer<typeof getUserQuery>;
