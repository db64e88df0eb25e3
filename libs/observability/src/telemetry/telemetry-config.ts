import { z } from 'zod';
import { DEFAULT_TRACE_RATIO } from './root-span-sampler.js';

/**
 * The standard OpenTelemetry variables this lib honours, validated like every app variable.
 * Unset OTEL_EXPORTER_OTLP_ENDPOINT is a valid choice (local runs, tests): spans are still
 * created and propagated, so logs carry trace ids, but nothing is exported (unless to OTEL_TRACES_FILE).
 */
export const telemetryConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be a URL like http://otel-collector:4318' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Not a standard OpenTelemetry variable: ours, for the native stack, which has no trace backend.
  /** Also append every finished span to this file as one JSON line (see span-file-exporter.ts). */
  OTEL_TRACES_FILE: z
    .string()
    .regex(/^[^\0]*[^\0/\\]$/, 'must be a file path like .local/traces/order-service.jsonl')
    .optional(),
  /**
   * The share of new traces kept, from 0 to 1 (the standard variable; the sampler is always
   * parent-based on a trace-id ratio, see root-span-sampler.ts, so OTEL_TRACES_SAMPLER is not read).
   * A request that arrives with a sampled `traceparent` is traced whatever the ratio.
   */
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ error: 'must be a number from 0 to 1, e.g. 0.1 for one trace in ten' })
    .min(0, 'must be a number from 0 to 1, e.g. 0.1 for one trace in ten')
    .max(1, 'must be a number from 0 to 1, e.g. 0.1 for one trace in ten')
    .default(DEFAULT_TRACE_RATIO),
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
});

export type TelemetryConfig = z.infer<typeof telemetryConfigSchema>;
