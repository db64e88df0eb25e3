import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { DataPoint, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { GrpcStatus } from '../failures/grpc-status.js';
import { RecordingLogger, deferred, fastPolicy, grpcError, hangingUntilAborted } from '../testing/resilience.fixtures.js';
import { ResiliencePolicy } from '../policy/resilience.policy.js';
import { CALLS_METRIC, CIRCUIT_STATE_METRIC } from './resilience.metrics.js';

/** Collects on demand, as a Prometheus scrape would. */
class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

async function dataPoints(reader: MetricReader, metricName: string): Promise<Array<DataPoint<number>>> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === metricName);
  return (metric?.dataPoints ?? []) as Array<DataPoint<number>>;
}

async function circuitStateOf(reader: MetricReader, dependency: string): Promise<number | undefined> {
  const points = await dataPoints(reader, CIRCUIT_STATE_METRIC);
  return points.find((point) => point.attributes['dependency'] === dependency)?.value;
}

function withMetrics() {
  const reader = new OnDemandMetricReader();
  const meter = new MeterProvider({ readers: [reader] }).getMeter('@shop/resilience');
  return { reader, meter };
}

const unavailable = async (): Promise<string> => {
  throw grpcError(GrpcStatus.UNAVAILABLE);
};
const write = { operation: 'write', idempotent: false } as const;

describe('breaker telemetry', () => {
  it('exports the circuit state per dependency: 0 closed, 2 open, 1 half-open', async () => {
    const { reader, meter } = withMetrics();
    const inventory = fastPolicy({ circuitBreaker: { failureThreshold: 1, openDurationMs: 30 } }, { meter });
    const users = new ResiliencePolicy({ name: 'user-grpc' }, { meter, logger: new RecordingLogger() });

    assert.equal(await circuitStateOf(reader, 'test-dependency'), 0);
    await assert.rejects(inventory.execute(unavailable, write));
    assert.equal(await circuitStateOf(reader, 'test-dependency'), 2);
    assert.equal(users.state, 'closed');
    assert.equal(await circuitStateOf(reader, 'user-grpc'), 0, 'each dependency has its own series');

    await sleep(50);
    const probeAnswer = deferred<string>();
    const probe = inventory.execute(() => probeAnswer.promise, write);
    await setImmediate();
    assert.equal(await circuitStateOf(reader, 'test-dependency'), 1);
    probeAnswer.resolve('ok');
    await probe;
    assert.equal(await circuitStateOf(reader, 'test-dependency'), 0);
  });

  it('counts calls by dependency and outcome', async () => {
    const { reader, meter } = withMetrics();
    const policy = fastPolicy(
      { attemptTimeout: { readMs: 20, writeMs: 20 }, bulkhead: { maxConcurrent: 1, maxQueued: 0 }, circuitBreaker: { failureThreshold: 2, openDurationMs: 60_000 } },
      { meter },
    );
    await policy.execute(async () => 'ok', write);
    await assert.rejects(policy.execute(async () => Promise.reject(grpcError(GrpcStatus.NOT_FOUND)), write));
    await assert.rejects(policy.execute(hangingUntilAborted, write));
    const caller = new AbortController();
    const occupying = policy.execute(hangingUntilAborted, { ...write, signal: caller.signal });
    await assert.rejects(policy.execute(async () => 'no slot', write));
    caller.abort();
    await assert.rejects(occupying);
    // The timeout above was the first counted failure; this one opens the circuit...
    await assert.rejects(policy.execute(unavailable, write));
    // ...so this one is refused without reaching the dependency.
    await assert.rejects(policy.execute(unavailable, write));

    const counts = Object.fromEntries(
      (await dataPoints(reader, CALLS_METRIC)).map((point) => {
        assert.equal(point.attributes['dependency'], 'test-dependency');
        return [point.attributes['outcome'], point.value];
      }),
    );
    assert.deepEqual(counts, { success: 1, failure: 2, timeout: 1, rejected_bulkhead: 1, cancelled: 1, rejected_open: 1 });
  });

  it('logs one line per state change, naming the dependency and the new state', async () => {
    const logger = new RecordingLogger();
    const policy = fastPolicy({ circuitBreaker: { failureThreshold: 1, openDurationMs: 30 } }, { logger });
    await assert.rejects(policy.execute(unavailable, write));
    await sleep(50);
    await policy.execute(async () => 'ok', write);

    assert.deepEqual(logger.lines, [
      { level: 'warn', message: 'Circuit breaker for test-dependency is now open' },
      { level: 'log', message: 'Circuit breaker for test-dependency is now half-open' },
      { level: 'log', message: 'Circuit breaker for test-dependency is now closed' },
    ]);
  });
});
