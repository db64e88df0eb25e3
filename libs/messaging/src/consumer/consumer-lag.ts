import { metrics, type ObservableGauge, type ObservableResult } from '@opentelemetry/api';
import type { Admin } from 'kafkajs';

export const CONSUMER_LAG_METRIC = 'messaging_consumer_lag';

/** The `messaging_consumer_lag` gauge of one group: per partition, the messages not yet handled. */
export class ConsumerLagGauge {
  private gauge: ObservableGauge | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly groupId: string,
    private readonly topics: string[],
  ) {}

  start(): void {
    this.gauge = metrics.getMeter('@shop/messaging').createObservableGauge(CONSUMER_LAG_METRIC, {
      description: 'Messages in a partition not yet handled by the consumer group',
    });
    this.gauge.addCallback(this.observe);
  }

  stop(): void {
    this.gauge?.removeCallback(this.observe);
  }

  private readonly observe = async (result: ObservableResult): Promise<void> => {
    try {
      const committed = await this.admin.fetchOffsets({ groupId: this.groupId, topics: this.topics });
      for (const { topic, partitions } of committed) {
        const ends = await this.admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const offset = partitions.find((candidate) => candidate.partition === end.partition)?.offset ?? '-1';
          const from = offset === '-1' ? BigInt(end.low) : BigInt(offset);
          result.observe(Number(BigInt(end.high) - from), { group: this.groupId, topic, partition: String(end.partition) });
        }
      }
    } catch {
      // No value rather than a wrong one while the broker is away.
    }
  };
}
