import { z } from 'zod';

/** Money is an integer number of cents: floats cannot represent 0.10 exactly. */
export const centsSchema = z.int().nonnegative();

/** ISO 4217 code, e.g. "EUR". */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as "EUR"');
