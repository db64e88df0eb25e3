import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, NOTIFICATION_TYPES } from '../proto-enums.js';

export const notificationSchema = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  orderId: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  status: z.enum(NOTIFICATION_STATUSES),
  createdAt: z.string().describe('RFC 3339, UTC'),
});

export type NotificationView = z.infer<typeof notificationSchema>;

export class NotificationDto extends createZodDto(notificationSchema) {}
