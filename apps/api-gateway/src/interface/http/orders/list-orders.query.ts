import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const listOrdersQuerySchema = z.object({
  limit: z.coerce
    .number({ error: `must be a whole number between 1 and ${MAX_PAGE_SIZE}` })
    .int(`must be a whole number between 1 and ${MAX_PAGE_SIZE}`)
    .min(1, `must be a whole number between 1 and ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be a whole number between 1 and ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE)
    .describe('Orders per page'),
  cursor: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters').optional().describe('The X-Next-Cursor of the previous page'),
});

export class ListOrdersQueryDto extends createZodDto(listOrdersQuerySchema) {}
