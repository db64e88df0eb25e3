import { z } from 'zod';
import { CATALOG_CURRENCY, SKU_FORMAT, SKU_MAX_LENGTH } from '../../domain/product.js';

/** Postgres INTEGER, the column type of prices and stock. */
const MAX_INT4 = 2_147_483_647;

/** Any SKU a client may ask about: one the catalog does not know is an answer (unknown_skus), not an error. */
export const getProductsRequestSchema = z.object({
  skus: z.array(z.string().min(1, 'must not be empty').max(SKU_MAX_LENGTH, `must be at most ${SKU_MAX_LENGTH} characters`)).max(200, 'at most 200 SKUs per call'),
});

/** The same SKUs as GetProducts takes. */
export const getPricesRequestSchema = getProductsRequestSchema;

export const setProductStockRequestSchema = z.object({
  sku: z
    .string()
    .max(SKU_MAX_LENGTH, `must be at most ${SKU_MAX_LENGTH} characters`)
    .regex(SKU_FORMAT, 'must be upper-case kebab case, e.g. USB-C-CABLE-1M'),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  priceCents: z.int('must be a whole number of cents').min(0, 'must not be negative').max(MAX_INT4, `must be at most ${MAX_INT4}`),
  currency: z.literal(CATALOG_CURRENCY, `must be ${CATALOG_CURRENCY}, the catalog's currency`),
  available: z.int('must be a whole number').min(0, 'must not be negative').max(MAX_INT4, `must be at most ${MAX_INT4}`),
});
