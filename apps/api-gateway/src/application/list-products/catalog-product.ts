import { z } from 'zod';

/** A product as customers see it: price in integer cents, `available` units not held by any reservation. */
export const catalogProductSchema = z.object({
  sku: z.string(),
  name: z.string(),
  priceCents: z.number().int().nonnegative(),
  currency: z.string().length(3),
  available: z.number().int().nonnegative(),
});

export type CatalogProduct = z.infer<typeof catalogProductSchema>;
