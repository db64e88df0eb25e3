import { SpanKind, type Context } from '@opentelemetry/api';
import { ParentBasedSampler, SamplingDecision, TraceIdRatioBasedSampler, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';

/** The share of new traces kept when OTEL_TRACES_SAMPLER_ARG is not set. */
export const DEFAULT_TRACE_RATIO = 0.1;

/**
 * Decides which spans may start a trace, and keeps `ratio` of those. Requests, messages and spans
 * the app starts on purpose may; a database, cache or HTTP client call with no parent never does:
 * those come from pollers (the outbox relay, consumer-lag gauges) and would bury the traces that
 * matter under thousands of one-span traces. Prisma's operation spans are INTERNAL, so they are
 * matched by name. The ratio is decided on the trace id, so every service that sees a trace
 * without a parent (none should) would still agree.
 */
class TraceRootSampler implements Sampler {
  private readonly ratioSampler: TraceIdRatioBasedSampler;

  constructor(private readonly ratio: number) {
    this.ratioSampler = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(context: Context, traceId: string, spanName: string, spanKind: SpanKind): SamplingResult {
    const orphanClientCall = spanKind === SpanKind.CLIENT || spanName.startsWith('prisma:');
    if (orphanClientCall) return { decision: SamplingDecision.NOT_RECORD };
    return this.ratioSampler.shouldSample(context, traceId);
  }

  toString(): string {
    return `TraceRootSampler{ratio=${this.ratio}}`;
  }
}

/**
 * Parent-based: a span follows its parent's decision, local or remote, so a trace is never cut in
 * half, and a caller that sends `traceparent` with the sampled flag (the demo, the end-to-end
 * tests, a developer's curl) gets its whole trace whatever the ratio. A trace with no parent is
 * kept with probability `ratio` (0 to 1).
 */
export function traceSampler(ratio = DEFAULT_TRACE_RATIO): Sampler {
  return new ParentBasedSampler({ root: new TraceRootSampler(ratio) });
}
