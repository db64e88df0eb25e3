import { z } from 'zod';
import { identifierSchema } from './fields/identifier.fields.js';

/** W3C trace context: version-traceid-parentid-flags, lowercase hex. */
const traceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'expected a W3C traceparent: 00-<32 hex>-<16 hex>-<2 hex>');

/**
 * The envelope as it travels, before its payload is checked against its definition. Unknown
 * envelope fields are dropped rather than rejected, so a newer producer may add one.
 */
export const envelopeSchema = z.object({
  messageId: identifierSchema,
  type: z.string().min(1),
  version: z.int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: identifierSchema.nullable(),
  traceparent: traceparentSchema.optional(),
  payload: z.unknown(),
});
