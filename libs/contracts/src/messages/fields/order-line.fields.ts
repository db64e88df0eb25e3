import { z } from 'zod';
import { centsSchema } from './money.fields.js';

export const skuSchema = z.string().min(1).max(64);

/** What the customer asked for: a SKU and how many. */
export const requestedLineSchema = z.object({
  sku: skuSchema,
  quantity: z.int().positive(),
});

/** A line with the unit price the inventory charged when it reserved the stock. */
export const pricedLineSchema = requestedLineSchema.extend({
  unitPriceCents: centsSchema,
});
