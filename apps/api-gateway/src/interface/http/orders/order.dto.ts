import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ORDER_STATUSES, SAGA_STEP_STATUSES } from '../proto-enums.js';

export const orderSchema = z.object({
  orderId: z.string(),
  userId: z.string(),
  status: z.enum(ORDER_STATUSES).describe('PENDING until the saga ends'),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
  totalCents: z.number().int(),
  currency: z.string().describe('ISO 4217'),
  failureReason: z.string().nullable().describe('A stable code such as CARD_DECLINED when REJECTED or CANCELLED, else null'),
  saga: z.array(z.object({ step: z.string().describe('e.g. RESERVE_STOCK'), status: z.enum(SAGA_STEP_STATUSES), at: z.string().describe('RFC 3339, UTC') })),
  createdAt: z.string().describe('RFC 3339, UTC'),
  updatedAt: z.string().describe('RFC 3339, UTC'),
});

export type OrderView = z.infer<typeof orderSchema>;

export class OrderDto extends createZodDto(orderSchema) {}
