import { z } from 'zod';

/** ListNotificationsRequest as it must be: proto3 lets any string through, the API does not. */
export const listNotificationsRequestSchema = z.object({
  userId: z.uuid({ error: 'must be a UUID' }),
});
