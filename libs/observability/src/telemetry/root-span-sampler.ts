import { SpanKind, type Context } from '@opentelemetry/api';
import { ParentBasedSampler, SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';

/**
 * Decides which spans may start a trace. Requests, messages and spans the app starts on purpose
 * do; a database, cache or HTTP client call with no parent does not: those come from pollers
 * (the outbox relay, consumer-lag gauges) and would bury the traces that matter under thousands
 * of one-span traces. Prisma's operation spans are INTERNAL, so they are matched by name.
 */
class TraceRootSampler implements Sampler {
  shouldSample(_context: Context, _traceId: string, spanName: string, spanKind: SpanKind): SamplingResult {
    const orphanClientCall = spanKind === SpanKind.CLIENT || spanName.startsWith('prisma:');
    return { decision: orphanClientCall ? SamplingDecision.NOT_RECORD : SamplingDecision.RECORD_AND_SAMPLED };
  }

  toString(): string {
    return 'TraceRootSampler';
  }
}

/** Children follow their parent's decision, so a trace is never cut in half. */
export function traceSampler(): Sampler {
  return new ParentBasedSampler({ root: new TraceRootSampler() });
}
