import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { fieldError } from '../validation/validation-messages.js';

export const MAX_QUANTITY = 1000;
export const MAX_ORDER_LINES = 100;

const orderLineSchema = z.object({
  sku: z.string(fieldError('must be a string')).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  quantity: z
    .number(fieldError('must be a number'))
    .int('must be a whole number')
    .min(1, `must be between 1 and ${MAX_QUANTITY}`)
    .max(MAX_QUANTITY, `must be between 1 and ${MAX_QUANTITY}`),
});

/** Unknown fields are dropped, not refused. Unknown SKUs and payment tokens are the order service's call (also a 400). */
export const placeOrderRequestSchema = z.object({
  items: z
    .array(orderLineSchema, fieldError('must be a list of {sku, quantity}'))
    .min(1, 'must contain at least one item')
    .max(MAX_ORDER_LINES, `must contain at most ${MAX_ORDER_LINES} items`)
    .superRefine((items, context) => {
      const repeated = repeatedSkus(items.map((item) => item.sku));
      if (repeated.length > 0) context.addIssue({ code: 'custom', message: `must not repeat a SKU (${repeated.join(', ')}): add up the quantities instead` });
    }),
  paymentToken: z.string(fieldError('must be a string')).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

export class PlaceOrderRequestDto extends createZodDto(placeOrderRequestSchema) {}

export const placedOrderSchema = z.object({
  orderId: z.string(),
  status: z.literal('PENDING').describe('Always PENDING: the saga decides the outcome; poll GET /api/v1/orders/{orderId}'),
});

export class PlacedOrderDto extends createZodDto(placedOrderSchema) {}

function repeatedSkus(skus: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const sku of skus) (seen.has(sku) ? repeated : seen).add(sku);
  return [...repeated];
}
